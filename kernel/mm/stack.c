/* stack.c — thread stacks with guard pages, one pool per CPU.
 *
 * Stacks live in an arena above the 4 GiB identity map (STACK_ARENA); CPU c owns the 1 GiB at
 * STACK_ARENA + c * STACK_CPU_SPAN (32768 slots). Each stack owns a slot of SLOT_SIZE bytes of
 * address space: the lower half is never mapped (the guard), the upper half is the stack, backed by
 * frames from the owner's pool mapped 4 KiB at a time (arch paging.c: a CPU maps only in its own part,
 * so that needs no lock either). A thread that overflows its stack writes into the guard and takes
 * a #PF, which runs on its per-CPU IST stack (not the dead one) and prints a crash report saying
 * "stack overflow" (arch/x86_64/traps.c). The 16 KiB guard is larger than any step code built with
 * -fstack-clash-protection takes without touching the stack, so no frame jumps over it. Because the guard pages were never mapped, no CPU can have a stale TLB
 * entry for them.
 *
 * Freed stacks go to their owner's free list (mappings kept) and are reused by its next stack_alloc.
 * Only the owner touches its pool: a stack freed on another CPU travels back through mm/remote.c.
 */
#include "arch.h"
#include "mm.h"

#define SLOT_SIZE     (2 * STACK_SIZE)
#define SLOTS_PER_CPU (STACK_CPU_SPAN / SLOT_SIZE)

struct free_stack { struct free_stack *next; uint64_t unused; };  /* at the top of a free stack */
struct pool {
    struct free_stack *free;
    volatile size_t nfree;                 /* read by other CPUs only for tests and reports */
    volatile uint64_t next_slot;           /* read by other CPUs in stack_contains (backtraces) */
};
static struct pool pools[MAX_CPUS];

_Static_assert(sizeof(struct free_stack) == sizeof(struct remote_node), "same place at the top");

static int owner_of(void *top)
{
    return (int)(((uint64_t)top - 1 - STACK_ARENA) / STACK_CPU_SPAN);
}

/* Returns the TOP of a fresh STACK_SIZE-byte stack (its lowest address is `top - STACK_SIZE`) from
 * this CPU's pool, or NULL when its slots or frames are exhausted. */
void *stack_alloc(void)
{
    int me = cpu_id();
    struct pool *p = &pools[me];
    struct free_stack *f = p->free;
    if (f) {
        p->free = f->next;
        p->nfree--;
        return (char *)(f + 1);
    }
    if (p->next_slot == SLOTS_PER_CPU)
        return 0;
    uint64_t slot = p->next_slot++;
    uint64_t base = STACK_ARENA + me * STACK_CPU_SPAN + slot * SLOT_SIZE + (SLOT_SIZE - STACK_SIZE);
    for (uint64_t off = 0; off < STACK_SIZE; off += PAGE_SIZE) {
        void *frame = phys_alloc(1);
        if (!frame || !map_page(base + off, (uint64_t)frame))
            return 0;                    /* the slot and its frames are lost; the caller gets NULL */
    }
    return (void *)(base + STACK_SIZE);
}

/* Puts a stack this CPU owns back into its pool. */
void stack_free_local(void *top)
{
    struct pool *p = &pools[cpu_id()];
    struct free_stack *f = (struct free_stack *)top - 1;
    f->next = p->free;
    p->free = f;
    p->nfree++;
}

/* Frees a stack from any CPU: at once if this CPU owns it, else through its owner's return slot. */
void stack_free(void *top)
{
    if (!top)
        return;
    int owner = owner_of(top);
    if (owner == cpu_id())
        stack_free_local(top);
    else
        remote_free(owner, (struct remote_node *)top - 1, REMOTE_STACK);
}

size_t stack_pool_free(int cpu)
{
    return cpu >= 0 && cpu < MAX_CPUS ? pools[cpu].nfree : 0;
}

/* Whether `addr` lies in the guard part of a stack slot (a stack overflow). */
bool stack_guard_hit(uint64_t addr)
{
    if (addr < STACK_ARENA || addr >= STACK_ARENA + MAX_CPUS * STACK_CPU_SPAN)
        return false;
    return (addr - STACK_ARENA) % SLOT_SIZE < SLOT_SIZE - STACK_SIZE;
}

/* Whether `addr` lies inside some mapped stack (used to validate frame pointers in backtraces). */
bool stack_contains(uint64_t addr)
{
    if (addr < STACK_ARENA || addr >= STACK_ARENA + MAX_CPUS * STACK_CPU_SPAN)
        return false;
    uint64_t c = (addr - STACK_ARENA) / STACK_CPU_SPAN, off = (addr - STACK_ARENA) % STACK_CPU_SPAN;
    return off < pools[c].next_slot * SLOT_SIZE && !stack_guard_hit(addr);
}
