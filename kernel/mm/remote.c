/*
 * remote.c — giving freed memory back to the CPU that owns it, without LOCK-prefixed instructions.
 *
 * Heap blocks and thread stacks belong to the CPU that allocated them (mm/heap.c, mm/stack.c); only
 * that CPU touches its free lists, so it needs no lock. A thread created on CPU A may run, exit and
 * be joined on CPU B, and B then frees A's memory. B does not touch A's lists: it links the block
 * into a list of its own and hands the list to A through an exchange slot (lib/xslot.h, the same
 * protocol as the thread hand-over in sched/migrate.c, with its x86-TSO argument):
 *   Pending[b][a]     blocks B holds for A (B's local list, linked by remote_node.next);
 *   ReturnSlot[b][a]  the exchange slot from B to A.
 * At each scheduling point a CPU first drains (frees locally whatever slots addressed to it hold),
 * then emigrates its Pending lists into free slots. The node (struct remote_node) is written into
 * the freed memory itself, so a return never allocates; B never touches a block again once queued.
 * A busy slot delays a return by one scheduling point; nobody spins. A CPU does not halt while
 * remote_free_quiet() is false, and the caller (sched.c) wakes every CPU it handed a list to.
 */
#include "arch.h"
#include "mm.h"
#include "../lib/xslot.h"

static struct remote_node *Pending[MAX_CPUS][MAX_CPUS];              /* [freer][owner], freer-local */
static struct remote_node *volatile ReturnSlot[MAX_CPUS][MAX_CPUS];  /* [freer][owner], exchange slot */

/* Queues `n` (inside the memory being freed) for its owner. Called by free()/stack_free(). */
void remote_free(int owner, struct remote_node *n, enum remote_kind kind)
{
    int me = cpu_id();
    n->kind = kind;
    n->next = Pending[me][owner];
    Pending[me][owner] = n;
}

static void free_here(struct remote_node *n)
{
    if (n->kind == REMOTE_HEAP)
        heap_free_local(n);                          /* the node sits at the block's user pointer */
    else if (n->kind == REMOTE_STACK)
        stack_free_local(n + 1);                     /* the node sits just below the stack's top */
    else
        panic("remote free: node %p has bad kind %lu", (void *)n, n->kind);
}

void remote_free_drain(void)
{
    int me = cpu_id();
    for (int s = 0; s < ncpus; s++) {
        struct remote_node *list = s == me ? 0 : xslot_take(ReturnSlot[s][me]);
        if (!list)
            continue;
        while (list) {
            struct remote_node *n = list;
            list = n->next;                          /* read before free_here reuses the node */
            free_here(n);
        }
        xslot_done(ReturnSlot[s][me]);               /* hand the slot back to the freer */
    }
}

/* Returns the set of CPUs (bit c = CPU c) that were handed lists, so the caller can wake them. */
unsigned remote_free_emigrate(void)
{
    int me = cpu_id();
    unsigned handed = 0;
    for (int o = 0; o < ncpus; o++)
        if (o != me && xslot_give(Pending[me][o], ReturnSlot[me][o]))
            handed |= 1u << o;
    return handed;
}

bool remote_free_quiet(void)
{
    int me = cpu_id();
    for (int o = 0; o < ncpus; o++)
        if (ReturnSlot[o][me] || Pending[me][o])
            return false;
    return true;
}
