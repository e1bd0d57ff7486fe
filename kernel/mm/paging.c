/* paging.c — the page tables. boot.S identity-maps 0..4 GiB with 2 MiB pages; here the first 2 MiB
 * are split into 4 KiB pages so that page 0 can be left unmapped: a NULL dereference faults (#PF)
 * and is reported instead of silently reading the real-mode IVT. */
#include "kernel.h"
#include "mm.h"

extern uint64_t boot_pml4[512];

void paging_init(void)
{
    uint64_t *pdpt = (uint64_t *)(boot_pml4[0] & ~0xFFFull);
    uint64_t *pd = (uint64_t *)(pdpt[0] & ~0xFFFull);
    static uint64_t pt[512] __attribute__((aligned(4096)));
    for (int i = 0; i < 512; i++)
        pt[i] = ((uint64_t)i * PAGE_SIZE) | 0x3;   /* present | writable */
    pt[0] = 0;                                    /* page 0: not present */
    pd[0] = (uint64_t)pt | 0x3;
    __asm__ volatile("mov %%cr3, %%rax; mov %%rax, %%cr3" : : : "rax", "memory");
}
