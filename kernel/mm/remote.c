/*
 * remote.c — giving freed memory back to the CPU that owns it, without LOCK-prefixed instructions.
 *
 * Heap blocks and thread stacks belong to the CPU that allocated them (mm/heap.c, mm/stack.c); only
 * that CPU touches its free lists, so it needs no lock. A thread created on CPU A may run, exit and
 * be joined on CPU B, and B then frees A's memory. B does not touch A's lists: it links the block
 * into a list of its own and hands the list to A through an exchange slot, the same protocol as the
 * thread hand-over (sched/migrate.c, whose comment has the full argument):
 *   Pending[b][a]     blocks B holds for A. Only B reads or writes it.
 *   ReturnSlot[b][a]  one pointer. NULL: B may store a list into it. Non-NULL: A owns it, takes the
 *                     list and stores NULL.
 * At each scheduling point a CPU first drains (frees locally whatever slots addressed to it hold),
 * then emigrates (moves each non-empty Pending list into its slot if the slot is NULL). The node
 * (struct remote_node) is written into the freed memory itself, so a return never allocates.
 *
 * Why this is correct on x86-TSO with only compiler barriers:
 *  - B's accesses to a block (the user's last writes, reading the header, writing the node) all come
 *    before its store of the list pointer in program order. x86 does not reorder stores with older
 *    stores, nor loads with younger stores, so by the time A can see the pointer all of them are
 *    done and visible; barrier() keeps the compiler from moving them below the publishing store.
 *  - A loads the pointer, then reads the nodes (loads are not reordered with older loads), frees
 *    each block into its own lists, then stores NULL. After the pointer load the nodes are A's: B
 *    never touches a block again once it queued it, so the early NULL store would even be safe; it
 *    comes last only so the slot is busy while A walks the list. barrier() orders it for gcc.
 *  - Each slot has one writer per state, and every access is an aligned 64-bit move (atomic), so no
 *    read-modify-write ever races. `volatile` keeps the slot from being cached across scheduling points.
 * A busy slot delays a return by one scheduling point; nobody spins. A CPU does not halt while
 * remote_free_quiet() is false, and the caller (sched.c) wakes every CPU it handed a list to.
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include "mm.h"

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
        if (s == me)
            continue;
        struct remote_node *list = ReturnSlot[s][me];
        if (!list)
            continue;
        barrier();
        while (list) {
            struct remote_node *n = list;
            list = n->next;                          /* read before free_here reuses the node */
            free_here(n);
        }
        barrier();
        ReturnSlot[s][me] = 0;                       /* hand the slot back to the freer */
    }
}

/* Returns the set of CPUs (bit c = CPU c) that were handed lists, so the caller can wake them. */
unsigned remote_free_emigrate(void)
{
    int me = cpu_id();
    unsigned handed = 0;
    for (int o = 0; o < ncpus; o++) {
        struct remote_node *list = Pending[me][o];
        if (o == me || !list || ReturnSlot[me][o])
            continue;
        Pending[me][o] = 0;
        barrier();
        ReturnSlot[me][o] = list;                    /* publish: the owner has it from now on */
        handed |= 1u << o;
    }
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
