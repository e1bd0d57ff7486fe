/* Scheduler tests: local threads, yield order, sleep, join, and the migration stress test. */
#include <ktest.h>
#include "mm.h"          /* stack_pool_free() */

static volatile int counter;
static void bump(void *arg) { __sync_fetch_and_add(&counter, (int)(long)arg); }

KTEST(local_threads_run_and_join)
{
    counter = 0;
    thread_t *t[10];
    for (int i = 0; i < 10; i++)
        t[i] = BeginThread(bump, (void *)1L, cpu_id());
    for (int i = 0; i < 10; i++) {
        KASSERT(t[i] != NULL);
        thread_join(t[i]);
    }
    KASSERT(counter == 10, "counter = %d", counter);
}

static volatile int trace[8], trace_len;
static void yielder(void *arg)
{
    for (int i = 0; i < 2; i++) {
        trace[trace_len++] = (int)(long)arg;
        thread_yield();
    }
}

KTEST(yield_round_robin)
{
    trace_len = 0;
    thread_t *a = BeginThread(yielder, (void *)1L, cpu_id());
    thread_t *b = BeginThread(yielder, (void *)2L, cpu_id());
    thread_join(a);
    thread_join(b);
    KASSERT(trace_len == 4, "%d", trace_len);
    /* both threads interleave: neither runs twice in a row */
    KASSERT(trace[0] != trace[1] && trace[1] != trace[2], "%d %d %d %d", trace[0], trace[1], trace[2], trace[3]);
}

/* Upper bounds are load-tolerant (a vCPU of a loaded host may not run for a while) but catch a
 * sleeper that is never woken or woken only by some later event: 2 s for sleeps of 20-30 ms. */
#define SLEEP_SLACK_NS 2000000000ull

KTEST(sleep_waits_at_least_the_time_and_not_much_longer)
{
    uint64_t t0 = uptime_ns();
    thread_sleep(20);
    uint64_t dt = uptime_ns() - t0;
    KASSERT(dt >= 20000000u, "slept %lu ns", dt);
    KASSERT(dt < 20000000u + SLEEP_SLACK_NS, "slept %lu ns for 20 ms", dt);
    t0 = uptime_ns();
    thread_sleep(0);                                 /* a scheduling point, no wait */
    KASSERT(uptime_ns() - t0 < SLEEP_SLACK_NS);
}

static volatile uint64_t local_slept_ns;
static void local_sleeper(void *arg)
{
    uint64_t t0 = uptime_ns();
    thread_sleep((uint64_t)arg);
    local_slept_ns = uptime_ns() - t0;
}

KTEST(sleep_in_a_thread_is_bounded_on_both_sides)
{
    local_slept_ns = 0;
    thread_t *t = BeginThread(local_sleeper, (void *)25L, cpu_id());
    KASSERT(t != NULL);
    thread_join(t);
    KASSERT(local_slept_ns >= 25000000u, "slept %lu ns", local_slept_ns);
    KASSERT(local_slept_ns < 25000000u + SLEEP_SLACK_NS, "slept %lu ns for 25 ms", local_slept_ns);
}

static volatile int ran_on[64];
static void where(void *arg) { ran_on[(long)arg] = cpu_id() + 1; }

KTEST(thread_runs_on_requested_cpu)
{
    int n = cpu_count();
    thread_t *t[8];
    for (int c = 0; c < n; c++) {
        ran_on[c] = 0;
        t[c] = BeginThread(where, (void *)(long)c, c);
    }
    for (int c = 0; c < n; c++) {
        thread_join(t[c]);
        KASSERT(ran_on[c] == c + 1, "thread for CPU %d ran on CPU %d", c, ran_on[c] - 1);
    }
}

/* Migration stress: every CPU creates threads on every CPU; each must run exactly once, on its CPU,
 * with an id naming its creator. Every creator then joins the threads of the NEXT creator, so the
 * structures and stacks are freed on a CPU that does not own them and must travel back: at the end
 * each CPU's heap has exactly as much in use as before and its stack pool holds all its stacks. */
#define PER_PAIR 40
static volatile int runs[8][8][PER_PAIR], ids[8][8][PER_PAIR];
static thread_t *handles[8][8][PER_PAIR];
static volatile int creators_done, creators_created;
/* how many creators the test made (-1 while it is still making them): a creator that could not be made
   (out of memory) must not leave the others waiting for it forever */
static volatile int creators_expected;
struct spawn_arg { int from, to, k; };
static struct spawn_arg args[8][8][PER_PAIR];

static void victim(void *arg)
{
    struct spawn_arg *a = arg;
    __sync_fetch_and_add(&runs[a->from][a->to][a->k], 1);
    ids[a->from][a->to][a->k] = thread_id();
    if (cpu_id() != a->to)
        runs[a->from][a->to][a->k] = 1000;        /* wrong CPU: recorded as an error */
}

static void creator(void *arg)
{
    int from = (int)(long)arg, n = cpu_count();
    for (int k = 0; k < PER_PAIR; k++)
        for (int to = 0; to < n; to++) {
            args[from][to][k] = (struct spawn_arg){ from, to, k };
            handles[from][to][k] = BeginThread(victim, &args[from][to][k], to);
            if (k % 8 == 0)
                thread_yield();
        }
    __sync_fetch_and_add(&creators_created, 1);
    while (creators_expected < 0 || creators_created < creators_expected)
        thread_yield();
    int next = (from + 1) % n;
    for (int k = 0; k < PER_PAIR; k++)
        for (int to = 0; to < n; to++)
            if (handles[next][to][k])
                thread_join(handles[next][to][k]);
    __sync_fetch_and_add(&creators_done, 1);
}

KTEST(migration_stress_every_thread_runs_exactly_once)
{
    int n = cpu_count();
    struct heap_stats before[8], st;
    for (int c = 0; c < n; c++)
        heap_stats(c, &before[c]);
    memset((void *)runs, 0, sizeof runs);
    memset((void *)handles, 0, sizeof handles);
    creators_done = creators_created = 0;
    creators_expected = -1;
    thread_t *c[8];
    int made = 0;
    for (int from = 0; from < n; from++)
        made += (c[from] = BeginThread(creator, (void *)(long)from, from)) != NULL;
    creators_expected = made;
    for (int from = 0; from < n; from++)
        if (c[from])
            thread_join(c[from]);
    for (int from = 0; from < n; from++)
        KASSERT(c[from] != NULL, "the creator for CPU %d was not created (out of memory?)", from);
    KASSERT(creators_done == n);
    int total = 0;
    for (int f = 0; f < n; f++)
        for (int t = 0; t < n; t++)
            for (int k = 0; k < PER_PAIR; k++) {
                KASSERT(handles[f][t][k] != NULL, "thread %d->%d #%d not created", f, t, k);
                KASSERT(runs[f][t][k] == 1, "thread %d->%d #%d ran %d times", f, t, k, runs[f][t][k]);
                KASSERT(ids[f][t][k] >> 24 == f && (ids[f][t][k] & 0xFFFFFF) != 0,
                        "thread %d->%d #%d has id 0x%x", f, t, k, ids[f][t][k]);
                total++;
            }
    for (int f = 0; f < n; f++)                       /* ids from one creator are distinct */
        for (int i = 0; i < n * PER_PAIR; i++)
            for (int j = i + 1; j < n * PER_PAIR; j++)
                KASSERT(ids[f][i / PER_PAIR][i % PER_PAIR] != ids[f][j / PER_PAIR][j % PER_PAIR],
                        "CPU %d gave id 0x%x twice", f, ids[f][i / PER_PAIR][i % PER_PAIR]);
    for (int cpu = 0; cpu < n; cpu++) {               /* everything went back to its owner */
        uint64_t t0 = uptime_ms();
        heap_stats(cpu, &st);
        while (st.bytes_in_use != before[cpu].bytes_in_use && uptime_ms() - t0 < 2000) {
            thread_sleep(1);
            heap_stats(cpu, &st);
        }
        KASSERT(st.bytes_in_use == before[cpu].bytes_in_use, "CPU %d's heap: %lu bytes in use, %lu before",
                cpu, st.bytes_in_use, before[cpu].bytes_in_use);
        KASSERT(st.frees - before[cpu].frees == st.allocations - before[cpu].allocations);
        KASSERT(stack_pool_free(cpu) >= (size_t)n * PER_PAIR, "CPU %d's stack pool has %lu stacks",
                cpu, stack_pool_free(cpu));
    }
    printk("  migration: %d threads across %d CPUs, each ran once, memory back with its owners\n", total, n);
}

/* A thread sleeping on another CPU: that CPU halts with its LAPIC timer armed and wakes in time. */
static volatile uint64_t remote_slept_ns;
static volatile int remote_cpu;
static void remote_sleeper(void *arg)
{
    uint64_t t0 = uptime_ns();
    thread_sleep((uint64_t)arg);
    remote_slept_ns = uptime_ns() - t0;
    remote_cpu = cpu_id();
}

KTEST(sleep_on_the_last_cpu_wakes_after_the_time)
{
    KNEED_CPUS(2);
    remote_slept_ns = 0;
    int last = cpu_count() - 1;
    thread_t *t = BeginThread(remote_sleeper, (void *)30L, last);
    KASSERT(t != NULL);
    thread_join(t);
    KASSERT(remote_cpu == last, "ran on CPU %d", remote_cpu);
    KASSERT(remote_slept_ns >= 30000000u, "slept %lu ns", remote_slept_ns);
    KASSERT(remote_slept_ns < 30000000u + SLEEP_SLACK_NS, "slept %lu ns for 30 ms", remote_slept_ns);
}

KTEST(begin_thread_rejects_a_cpu_that_does_not_exist)
{
    KASSERT(BeginThread(bump, 0, cpu_count()) == NULL);
    KASSERT(BeginThread(bump, 0, -2) == NULL);
    counter = 0;
    thread_t *t = BeginThread(bump, (void *)5L, -1);     /* -1: the calling CPU */
    KASSERT(t != NULL);
    thread_join(t);
    KASSERT(counter == 5, "counter = %d", counter);
}
