/*
 * migrate.c — creating threads on other CPUs without LOCK-prefixed instructions (Toro's design),
 * through the exchange slots of lib/xslot.h (which has the protocol and its x86-TSO argument):
 *   DispatcherArray[s][d]  the threads CPU s wants to run on CPU d (s's local list, linked by ->link);
 *   EmigrateArray[s][d]    the exchange slot from s to d.
 * At each scheduling point a CPU immigrates (links the threads of every full slot addressed to it
 * into its ring), then emigrates (gives each waiting list whose slot is free). migrate_emigrate
 * returns the CPUs it handed threads to; the caller (sched.c) wakes them. A CPU only halts after
 * migrate_quiet() saw nothing in flight for it.
 */
#include "arch.h"
#include "sched.h"
#include "../lib/xslot.h"

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
        struct thread *list = s == me ? 0 : xslot_take(EmigrateArray[s][me]);
        if (!list)
            continue;
        while (list) {
            struct thread *t = list;
            list = t->link;
            t->link = 0;
            sched_enqueue_local(t);
        }
        xslot_done(EmigrateArray[s][me]);     /* hand the slot back to the sender */
    }
}

/* Returns the set of CPUs (bit d = CPU d) that were handed threads, so the caller can wake them. */
unsigned migrate_emigrate(void)
{
    int me = cpu_id();
    unsigned handed = 0;
    for (int d = 0; d < ncpus; d++)
        if (d != me && xslot_give(DispatcherArray[me][d], EmigrateArray[me][d]))
            handed |= 1u << d;
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
