/*
 * sched.c — per-CPU cooperative scheduler.
 *
 * Each CPU keeps a ring of its own threads; nothing else ever touches it, so it needs no lock.
 * A thread runs until it calls thread_yield/thread_sleep/thread_exit/thread_join; each of those is a
 * scheduling point: immigrate, emigrate (migrate.c), then switch to the next ready thread in the ring
 * (round robin). Every CPU's first thread is its boot flow (kmain on CPU 0, the idle loop on the others).
 *
 * Creating a thread uses no LOCK-prefixed (or implicitly locked) instruction, for any CPU: the id is
 * this CPU's counter with the CPU number in the high bits, the thread structure comes from this
 * CPU's heap and its stack from this CPU's stack pool (both lock-free for their owner, mm/), and a
 * thread for another CPU goes through the exchange slots (migrate.c). Whoever joins the thread frees
 * both; if that is another CPU, they travel back to the creator through mm/remote.c.
 * kernel/tests/check-asm.sh verifies all of this on the built image. The one lock left in the
 * kernel, the console's (lib/printk.c), is reached from here only to print an error.
 */
#include "arch.h"
#include "boot.h"
#include "sched.h"
#include "mm.h"

struct cpu_sched {
    struct thread boot;            /* the CPU's boot thread (no separate stack) */
    int last_id;                   /* low bits of the last thread id given out here */
};
static struct cpu_sched scheds[MAX_CPUS];

/* Thread ids: CPU number in bits 24..30, a per-CPU counter 1..2^24-1 below (0 is the boot thread).
 * Unique among the threads created by one CPU until its counter wraps after 16777215 threads. */
#define ID_CPU_SHIFT 24
#define ID_LOCAL_MAX ((1 << ID_CPU_SHIFT) - 1)

#define JOIN_POLL_NS 1000000u      /* thread_join's halt backstop, see there */

extern void thread_trampoline(void);
static void halt_until(uint64_t deadline);
static uint64_t next_event(struct percpu *c);

void sched_init_cpu(int cpu)
{
    struct percpu *c = &percpu[cpu];
    struct thread *b = &scheds[cpu].boot;
    b->state = T_READY;
    b->cpu = cpu;
    b->id = cpu << ID_CPU_SHIFT;
    b->joiner = -1;
    b->next = b;
    c->current = b;
    c->idle = b;
}

void sched_init(void)
{
    sched_init_cpu(0);
}

/* Inserts t after the current thread of this CPU. */
void sched_enqueue_local(struct thread *t)
{
    struct thread *cur = this_cpu()->current;
    t->cpu = cpu_id();
    t->next = cur->next;
    cur->next = t;
}

static bool runnable(struct thread *t, uint64_t now)
{
    return t->state == T_READY || (t->state == T_SLEEPING && now >= t->wake_ns);
}

/* Runs on the new thread right after a switch: the previous thread, if it was exiting, is now off
 * its stack, so its joiner may free it. */
static void finish_switch(void)
{
    struct percpu *c = this_cpu();
    struct thread *z = c->zombie;
    if (z) {
        int joiner = z->joiner;    /* read before T_DEAD: after it the joiner may free z */
        barrier();
        z->state = T_DEAD;
        c->zombie = 0;
        if (joiner >= 0 && joiner != c->id)
            arch_wake_cpu(joiner);    /* it may be halted in thread_join */
    }
}

/* Hands this CPU's queued threads and returned memory to their CPUs and wakes those CPUs in case
 * they are halted. The slot store comes before the IPI (x86 keeps stores in order, also towards the
 * uncached APIC page), so a woken CPU finds what was handed over. */
static void emigrate_and_wake(void)
{
    unsigned handed = migrate_emigrate() | remote_free_emigrate();
    for (int d = 0; handed; d++, handed >>= 1)
        if (handed & 1)
            arch_wake_cpu(d);
}

/* The scheduling point: immigrate (threads, then memory given back), emigrate, switch. */
static void schedule(void)
{
    struct percpu *c = this_cpu();
    migrate_immigrate();
    remote_free_drain();
    emigrate_and_wake();

    struct thread *cur = c->current, *t = cur->next;
    uint64_t now = uptime_ns();
    while (t != cur && !runnable(t, now))
        t = t->next;
    if (t == cur) {
        if (runnable(cur, now))
            return;                  /* nobody else: keep running */
        t = c->idle;                 /* current is dead or asleep: the boot thread is always there */
        if (t == cur)
            return;
    }
    if (t->state == T_SLEEPING)
        t->state = T_READY;
    if (cur->state == T_EXITING) {
        /* Unlink the exiting thread; it becomes T_DEAD only once we are off its stack. */
        struct thread *p = cur;
        while (p->next != cur)
            p = p->next;
        p->next = cur->next;
        c->zombie = cur;
    }
    c->current = t;
    c->switches++;
    switch_context(&cur->rsp, t->rsp);
    finish_switch();
}

thread_t *BeginThread(thread_fn fn, void *arg, int cpu)
{
    if (cpu == -1)
        cpu = cpu_id();
    if (cpu < 0 || cpu >= ncpus || !fn) {
        printk("BeginThread: %s (cpu %d; this run has %d CPU(s))\n", fn ? "no such CPU" : "no function", cpu, ncpus);
        return 0;
    }
    struct thread *t = calloc(1, sizeof *t);      /* this CPU's heap */
    void *stack = t ? stack_alloc() : 0;          /* this CPU's pool: a stack with a guard below */
    if (!stack) {
        /* the console lock is the one lock on this path, and only on this error (kernel/README.md) */
        printk("BeginThread: out of memory on CPU %d (%s)\n", cpu_id(), t ? "no stack" : "no thread struct");
        free(t);
        return 0;
    }
    struct cpu_sched *s = &scheds[cpu_id()];
    s->last_id = s->last_id == ID_LOCAL_MAX ? 1 : s->last_id + 1;
    t->id = cpu_id() << ID_CPU_SHIFT | s->last_id;
    t->joiner = -1;
    t->magic = THREAD_LIVE;
    t->fn = fn;
    t->arg = arg;
    t->stack = stack;
    t->state = T_READY;
    t->cpu = cpu;
    /* Initial stack: six zero callee-saved registers, then thread_trampoline as return address. */
    uint64_t *sp = (uint64_t *)stack;
    *--sp = 0;
    *--sp = (uint64_t)thread_trampoline;
    for (int i = 0; i < 6; i++)
        *--sp = 0;
    t->rsp = (uint64_t)sp;
    if (cpu == cpu_id()) {
        sched_enqueue_local(t);
    } else {
        migrate_send(t, cpu);
        emigrate_and_wake();         /* hand it over now if the slot is free */
    }
    return t;
}

void thread_main(void)
{
    finish_switch();
    struct thread *t = this_cpu()->current;
    t->fn(t->arg);
    thread_exit();
}

void thread_yield(void)
{
    schedule();
}

void thread_sleep(uint64_t ms)
{
    struct thread *t = this_cpu()->current;
    uint64_t now = uptime_ns();
    if (ms > (UINT64_MAX - now) / 1000000u) {      /* beyond the clock (584 years): never wakes */
        printk("thread_sleep(%lu ms): longer than the clock can count; thread %d sleeps forever\n", ms, t->id);
        t->wake_ns = UINT64_MAX;
    } else {
        t->wake_ns = now + ms * 1000000u;
    }
    if (t == this_cpu()->idle) {       /* the boot thread never leaves the ring: wait here */
        while (uptime_ns() < t->wake_ns) {
            schedule();
            uint64_t other = next_event(this_cpu());
            halt_until(other < t->wake_ns ? other : t->wake_ns);
        }
        return;
    }
    t->state = T_SLEEPING;
    schedule();
    t->state = T_READY;
}

void thread_exit(void)
{
    struct thread *t = this_cpu()->current;
    if (t == this_cpu()->idle)
        panic("thread_exit() called by a CPU's boot thread");
    t->state = T_EXITING;
    schedule();                        /* never returns: the ring no longer holds t */
    panic("exited thread %d was scheduled again", t->id);
}

/* Waits until t is dead, then frees its stack and structure (back to the creating CPU's pools).
 * A CPU's boot thread (main on CPU 0) cannot leave the ring, so it halts between scheduling points
 * like the idle loop. The CPU where t exits wakes it (finish_switch reads t->joiner); if that CPU
 * read joiner just before we stored it (a store-load race x86 allows), a 1 ms timer ends the halt. */
void thread_join(thread_t *t)
{
    if (!t) {                   /* e.g. BeginThread's NULL after an error it already reported */
        printk("thread_join: no thread (NULL)\n");
        return;
    }
    struct percpu *c = this_cpu();
    if (t == c->current)
        panic_caller(__builtin_frame_address(0), "thread_join: thread %d joins itself (it would wait forever)", t->id);
    if (t->magic != THREAD_LIVE)
        panic_caller(__builtin_frame_address(0), "thread_join(%p): %s", (void *)t,
              t->magic == THREAD_JOINED ? "this thread was already joined (its memory is freed)"
              : t->magic == THREAD_JOINING ? "another thread_join is already waiting for this thread"
              : "not a thread made by BeginThread");
    t->magic = THREAD_JOINING;
    c->current->joining = t;    /* what a debugger shows as "waiting in join on thread N" */
    if (c->current == c->idle) {
        t->joiner = c->id;
        for (;;) {
            schedule();
            if (t->state == T_DEAD)
                break;
            uint64_t other = next_event(c), poll = uptime_ns() + JOIN_POLL_NS;
            halt_until(other < poll ? other : poll);
        }
    }
    while (t->state != T_DEAD)
        schedule();
    t->magic = THREAD_JOINED;
    c->current->joining = 0;
    stack_free(t->stack);
    free(t);
}

uint64_t cpu_switches(int cpu)
{
    return cpu >= 0 && cpu < ncpus ? percpu[cpu].switches : 0;
}

int thread_id(void)
{
    return this_cpu()->current->id;
}

/*
 * Halting. When nothing on this CPU can run before `deadline` (ns since boot; UINT64_MAX = no timed
 * event) and the exchange slots are quiet, the CPU halts until an interrupt: the wake IPI of a CPU
 * that handed it threads (emigrate_and_wake) or its own one-shot LAPIC timer armed for the deadline.
 * Idle vCPUs thus leave the host's cores to the busy ones. Interrupts stay off except inside
 * `sti; hlt`: an IPI that arrives after the checks is held pending and ends the hlt at once (sti
 * delays interrupts by one instruction, so none slips in between sti and hlt); an early wake-up is
 * harmless, the caller just looks again.
 */
static void halt_until(uint64_t deadline)
{
    if (!migrate_quiet() || !remote_free_quiet())
        return;
    uint64_t now = uptime_ns();
    if (deadline <= now)
        return;
    if (deadline != UINT64_MAX)
        arch_timer_oneshot(deadline - now);
    arch_halt();
    arch_timer_stop();
}

/* The earliest moment another thread of this CPU can run: 0 if one is ready now, the earliest
 * wake-up time of the sleepers, or UINT64_MAX if the current thread is alone. */
static uint64_t next_event(struct percpu *c)
{
    uint64_t first = UINT64_MAX;
    for (struct thread *t = c->current->next; t != c->current; t = t->next) {
        if (t->state == T_READY)
            return 0;
        if (t->state == T_SLEEPING && t->wake_ns < first)
            first = t->wake_ns;
    }
    return first;
}

/* The idle loop of every AP (its boot thread): schedule, and halt while there is nothing to do. */
void sched_idle_loop(void)
{
    struct percpu *c = this_cpu();
    for (;;) {
        schedule();
        halt_until(next_event(c));
    }
}
