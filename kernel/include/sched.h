/* sched.h — threads and the per-CPU cooperative scheduler (internal). */
#ifndef RUEDO_SCHED_H
#define RUEDO_SCHED_H
#include "kernel.h"

enum thread_state { T_READY, T_SLEEPING, T_EXITING, T_DEAD };

struct thread {
    uint64_t rsp;                  /* saved by switch_context: the whole context */
    volatile enum thread_state state;
    int id, cpu;                   /* id: creating CPU << 24 | that CPU's counter (sched.c) */
    volatile int joiner;           /* CPU halted in thread_join waiting for it, or -1 */
    thread_fn fn;
    void *arg;
    uint64_t wake_ns;
    void *stack;                   /* top of its stack (mm/stack.c); NULL for a CPU's boot thread */
    struct thread *next;           /* ring of this CPU's threads */
    struct thread *link;           /* migration list (DispatcherArray / EmigrateArray) */
    volatile uint32_t magic;       /* THREAD_LIVE, THREAD_JOINING, THREAD_JOINED (after the first
                                      16 bytes, which a remote free overwrites: mm/remote.c) */
    struct thread *volatile joining; /* the thread this one waits for in thread_join, or NULL (debug ABI,
                                        docs/CONTRACTS.md §8: read by ruedo-threads and the debugger) */
};
#define THREAD_LIVE    0x54485244u   /* "THRD" */
#define THREAD_JOINING 0x4A4F494Eu   /* "JOIN": a thread_join waits for it */
#define THREAD_JOINED  0x44454144u   /* "DEAD": joined, its memory freed */

void switch_context(uint64_t *save_rsp, uint64_t new_rsp);
void sched_init_cpu(int cpu);
void sched_enqueue_local(struct thread *t);
void sched_idle_loop(void) __attribute__((noreturn));

/* migrate.c: the exchange slots */
void migrate_send(struct thread *t, int cpu);  /* queue t for another CPU (local list only) */
void migrate_immigrate(void);                  /* take what other CPUs left for this one */
unsigned migrate_emigrate(void);               /* hand this CPU's queued threads over; returns CPU mask */
bool migrate_quiet(void);                      /* nothing to take, nothing waiting to be handed over */

#endif
