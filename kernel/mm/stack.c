/* stack.c — thread stacks with guard pages.
 *
 * Stacks live in an arena above the 4 GiB identity map (STACK_ARENA). Each stack owns a slot of
 * SLOT_SIZE bytes of address space: the lower half is never mapped (the guard), the upper half is
 * the stack, backed by frames mapped 4 KiB at a time. A thread that overflows its stack writes into
 * the guard and takes a #PF; the CPU cannot push that exception's frame on the same dead stack, so it
 * raises a double fault, which runs on the per-CPU IST stack and prints a crash report saying
 * "stack overflow" (arch/x86_64/traps.c). Because the guard pages were never mapped, no CPU can have
 * a stale TLB entry for them.
 *
 * Freed stacks go to a free list (mappings kept) and are reused by the next stack_alloc on any CPU.
 */
#include "kernel.h"
#include "mm.h"

#define STACK_ARENA  0x0000008000000000ull    /* 512 GiB: PML4 entry 1 */
#define SLOT_SIZE    (2 * STACK_SIZE)
#define MAX_SLOTS    (1u << 20)

struct free_stack { struct free_stack *next; };
static struct free_stack *free_stacks;     /* each entry sits at the top of a free stack */
static uint64_t next_slot;
static volatile int stack_lock;

static void lock(void)
{
    while (__sync_lock_test_and_set(&stack_lock, 1))
        __asm__ volatile("pause");
}
static void unlock(void) { __sync_lock_release(&stack_lock); }

/* Returns the TOP of a fresh STACK_SIZE-byte stack (its lowest address is `top - STACK_SIZE`), or
 * NULL when memory is exhausted. */
void *stack_alloc(void)
{
    lock();
    struct free_stack *f = free_stacks;
    if (f) {
        free_stacks = f->next;
        unlock();
        return (char *)(f + 1);
    }
    uint64_t slot = next_slot < MAX_SLOTS ? next_slot++ : MAX_SLOTS;
    unlock();
    if (slot == MAX_SLOTS)
        return 0;
    uint64_t base = STACK_ARENA + slot * SLOT_SIZE + (SLOT_SIZE - STACK_SIZE);
    for (uint64_t off = 0; off < STACK_SIZE; off += PAGE_SIZE) {
        void *frame = phys_alloc(1);
        if (!frame || !map_page(base + off, (uint64_t)frame))
            return 0;                    /* the slot and its frames are lost; the caller gets NULL */
    }
    return (void *)(base + STACK_SIZE);
}

void stack_free(void *top)
{
    if (!top)
        return;
    struct free_stack *f = (struct free_stack *)top - 1;
    lock();
    f->next = free_stacks;
    free_stacks = f;
    unlock();
}

/* Whether `addr` lies in the guard part of a stack slot (a stack overflow). */
bool stack_guard_hit(uint64_t addr)
{
    if (addr < STACK_ARENA || addr >= STACK_ARENA + (uint64_t)MAX_SLOTS * SLOT_SIZE)
        return false;
    return (addr - STACK_ARENA) % SLOT_SIZE < SLOT_SIZE - STACK_SIZE;
}

/* Whether `addr` lies inside some mapped stack (used to validate frame pointers in backtraces). */
bool stack_contains(uint64_t addr)
{
    return addr >= STACK_ARENA && addr < STACK_ARENA + next_slot * SLOT_SIZE && !stack_guard_hit(addr);
}
