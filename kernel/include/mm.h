/* mm.h — physical frames, page tables, heaps, thread stacks and cross-CPU frees (internal).
 * Every CPU owns its frames, heap and stacks and uses them without a lock; what one CPU frees for
 * another goes back to its owner through mm/remote.c. */
#ifndef RUEDO_MM_H
#define RUEDO_MM_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define PAGE_SIZE   4096
#define STACK_SIZE  (16 * 1024)                 /* every thread's stack (and each AP's boot stack) */
#define STACK_ARENA 0x0000008000000000ull       /* 512 GiB (PML4 entry 1): 1 GiB of stacks per CPU */
#define STACK_CPU_SPAN (1ull << 30)
#define BOOT_GUARD_SIZE (16 * 1024)             /* unmapped below the boot stack (boot.S) */

/* phys.c: this CPU's frame pool */
void phys_init(uint32_t multiboot_info);
void phys_share(int ncpus);                     /* boot: split the free frames among the CPUs */
void *phys_alloc(size_t frames);                /* zeroed, contiguous; NULL when exhausted */
void phys_free(void *p, size_t frames);
size_t phys_free_bytes(int cpu);
/* page tables: arch.h (map_page, unmap_page, protect_page; arch/x86_64/paging.c) */
/* heap.c */
void heap_init_cpu(int cpu);
void heap_free_local(void *p);                  /* a block of this CPU freed on another (remote.c) */
/* stack.c: this CPU's stack pool */
void *stack_alloc(void);                        /* top of a STACK_SIZE stack with a guard below */
void stack_free(void *top);                     /* from any CPU */
void stack_free_local(void *top);               /* of a stack this CPU owns */
size_t stack_pool_free(int cpu);                /* stacks ready for reuse in a CPU's pool */
bool stack_guard_hit(uint64_t addr);
bool stack_contains(uint64_t addr);

/* remote.c: giving memory back to the CPU that owns it (exchange slots, no LOCK) */
enum remote_kind { REMOTE_HEAP = 1, REMOTE_STACK = 2 };
struct remote_node {                            /* written into the freed memory itself */
    struct remote_node *next;
    uint64_t kind;                              /* enum remote_kind */
};
void remote_free(int owner, struct remote_node *n, enum remote_kind kind);  /* queue (local list) */
void remote_free_drain(void);                   /* free what other CPUs gave back to this one */
unsigned remote_free_emigrate(void);            /* hand queued lists over; returns the CPU mask */
bool remote_free_quiet(void);                   /* nothing to drain, nothing waiting */

#endif
