/*
 * migrate.c — creating threads on other CPUs without LOCK-prefixed instructions (Toro's design).
 *
 * For every ordered pair of CPUs (s, d) there are two variables:
 *   DispatcherArray[s][d]  a list of threads CPU s wants to run on CPU d. Only CPU s ever reads or
 *                          writes it, so it needs no synchronisation at all.
 *   EmigrateArray[s][d]    a single pointer, the exchange slot. Ownership is decided by its value:
 *                          while it is NULL it belongs to the sender s, which may store a list into it;
 *                          while it is non-NULL it belongs to the receiver d, which takes the list and
 *                          stores NULL when done with it.
 * Each CPU, at every scheduling point, first immigrates (takes every non-NULL slot addressed to it),
 * then emigrates (moves each non-empty DispatcherArray[me][d] into EmigrateArray[me][d] if that slot
 * is NULL; otherwise it keeps the list and tries again at its next scheduling point).
 *
 * Why this is correct on x86-TSO without LOCK: every slot has exactly one writer in each state, so
 * there is no read-modify-write race to arbitrate; what remains is ordering.
 *  - Sender: it fills in the threads and the list links, THEN stores the pointer. x86 never reorders a
 *    store with an earlier store, so a receiver that sees the pointer also sees the list contents.
 *    The compiler must not reorder them either: barrier() before the publishing store.
 *  - Receiver: it loads the pointer, THEN reads the list, THEN stores NULL. x86 never reorders a load
 *    with an earlier load, nor a store with an earlier load, so the list is completely read before the
 *    sender can see NULL and reuse the slot. barrier() keeps the compiler from sinking the reads below
 *    the NULL store; volatile accesses keep it from caching the slot across scheduling points.
 * Neither side ever spins on the slot: a busy slot just delays the hand-over by one scheduling point.
 * All accesses are plain aligned 64-bit moves (atomic on x86-64).
 * Halted receivers: migrate_emigrate returns the CPUs it handed lists to and the caller (sched.c)
 * sends each a wake IPI after the publishing store; a CPU only halts after migrate_quiet() saw no
 * full slot addressed to it and no list of its own still waiting, so no hand-over is left sleeping.
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include "sched.h"

static struct thread *DispatcherArray[MAX_CPUS][MAX_CPUS];            /* [sender][receiver], sender-local */
static struct thread *volatile EmigrateArray[MAX_CPUS][MAX_CPUS];     /* [sender][receiver], exchange slot */

void migrate_send(struct thread *t, int cpu)
{
    int me = cpu_id();
    t->link = DispatcherArray[me][cpu];
    DispatcherArray[me][cpu] = t;
}

void migrate_immigrate(void)
{
    int me = cpu_id();
    for (int s = 0; s < ncpus; s++) {
        if (s == me)
            continue;
        struct thread *list = EmigrateArray[s][me];
        if (!list)
            continue;
        barrier();
        while (list) {
            struct thread *t = list;
            list = t->link;
            t->link = 0;
            sched_enqueue_local(t);
        }
        barrier();
        EmigrateArray[s][me] = 0;            /* hand the slot back to the sender */
    }
}

/* Returns the set of CPUs (bit d = CPU d) that were handed threads, so the caller can wake them. */
unsigned migrate_emigrate(void)
{
    int me = cpu_id();
    unsigned handed = 0;
    for (int d = 0; d < ncpus; d++) {
        struct thread *list = DispatcherArray[me][d];
        if (d == me || !list || EmigrateArray[me][d])
            continue;
        DispatcherArray[me][d] = 0;
        barrier();
        EmigrateArray[me][d] = list;          /* publish: the receiver owns it from now on */
        handed |= 1u << d;
    }
    return handed;
}

/* Whether this CPU has nothing in flight: no slot addressed to it is full and none of its own
 * lists waits for a busy slot. Used by the idle loop before it halts (see sched_idle_loop). */
bool migrate_quiet(void)
{
    int me = cpu_id();
    for (int o = 0; o < ncpus; o++)
        if (EmigrateArray[o][me] || DispatcherArray[me][o])
            return false;
    return true;
}
