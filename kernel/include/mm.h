/* mm.h — physical frames, page tables, heaps and thread stacks. */
#ifndef RUEDO_MM_H
#define RUEDO_MM_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define PAGE_SIZE  4096
#define STACK_SIZE (16 * 1024)                  /* every thread's stack (and each AP's boot stack) */

void phys_init(uint32_t multiboot_info);
void *phys_alloc(size_t frames);                /* zeroed, contiguous; NULL when exhausted */
void phys_free(void *p, size_t frames);
void paging_init(void);
int map_page(uint64_t va, uint64_t pa);         /* 4 KiB, read/write; 0 when out of memory */
void unmap_page(uint64_t va);
void heap_init_cpu(int cpu);
void *stack_alloc(void);                        /* top of a STACK_SIZE stack with a guard below */
void stack_free(void *top);
bool stack_guard_hit(uint64_t addr);
bool stack_contains(uint64_t addr);

#endif
