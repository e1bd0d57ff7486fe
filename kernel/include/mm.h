/* mm.h — physical frames, page tables and heaps. */
#ifndef RUEDO_MM_H
#define RUEDO_MM_H
#include <stdint.h>
#include <stddef.h>

#define PAGE_SIZE 4096

void phys_init(uint32_t multiboot_info);
void *phys_alloc(size_t frames);                /* zeroed, contiguous; NULL when exhausted */
void paging_init(void);
void heap_init_cpu(int cpu);

#endif
