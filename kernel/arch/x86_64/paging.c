/* paging.c — the page tables, shared by every CPU (one CR3).
 *
 * boot.S identity-maps 0..4 GiB with 2 MiB pages. paging_init() then splits the first 2 MiB into
 * 4 KiB pages so that page 0 is left unmapped (a NULL dereference faults with #PF instead of silently
 * reading the real-mode IVT) and so are the 16 KiB of guard under the boot stack, and applies W^X
 * (protect_kernel). Everything else keeps its 2 MiB identity mapping, not executable. Above the identity map, map_page()/unmap_page() manage 4 KiB mappings
 * in the thread-stack arena (mm/stack.c), allocating page tables on demand (from the calling CPU's
 * frame pool).
 *
 * No lock: below 4 GiB the tables change only at boot (paging_init, CPU 0 alone). The stack arena
 * gives every CPU its own 1 GiB (one PDPT entry, STACK_ARENA + cpu GiB), and a CPU maps pages only
 * in its own part, so the PD and page tables under PDPT entry c have one writer, CPU c. The one
 * table they share, the arena's PDPT, is created here at boot; after that each CPU only stores its
 * own (aligned, 64-bit) entry in it. Other CPUs' page walks see a new entry once the creating CPU's
 * stores are visible, which happens before it hands a thread on that stack over (x86 keeps stores
 * in order); entries that were never present are never cached in a TLB. */
#include <arch/cpu.h>
#include <arch/io.h>
#include "kernel.h"
#include "mm.h"

#define PTE_P   0x001ull
#define PTE_W   0x002ull
#define PTE_PS  0x080ull
#define PTE_NX  (1ull << 63)
#define ADDR    0x000FFFFFFFFFF000ull

extern uint64_t boot_pml4[512];
extern char boot_stack_guard[];

/* Returns the table that entry `*e` points to, creating an empty one if `create`; NULL otherwise. */
static uint64_t *next_table(uint64_t *e, bool create)
{
    if (!(*e & PTE_P)) {
        if (!create)
            return 0;
        void *t = phys_alloc(1);              /* zeroed */
        if (!t)
            return 0;
        *e = (uint64_t)t | PTE_P | PTE_W;
    }
    return (uint64_t *)(*e & ADDR);
}

/* The page-table entry of `va` (4 KiB level), or NULL. A 2 MiB page on the way is split first. */
static uint64_t *pte_of(uint64_t va, bool create)
{
    uint64_t *pdpt = next_table(&boot_pml4[(va >> 39) & 511], create);
    uint64_t *pd = pdpt ? next_table(&pdpt[(va >> 30) & 511], create) : 0;
    if (!pd)
        return 0;
    uint64_t *pde = &pd[(va >> 21) & 511];
    if ((*pde & PTE_P) && (*pde & PTE_PS)) {  /* split: same translations, now 4 KiB at a time */
        uint64_t *pt = phys_alloc(1);
        if (!pt)
            return 0;
        uint64_t base = *pde & ADDR;
        uint64_t keep = *pde & (PTE_W | PTE_NX);
        for (int i = 0; i < 512; i++)
            pt[i] = (base + (uint64_t)i * PAGE_SIZE) | PTE_P | keep;
        *pde = (uint64_t)pt | PTE_P | PTE_W;
    }
    uint64_t *pt = next_table(pde, create);
    return pt ? &pt[(va >> 12) & 511] : 0;
}

/* Maps the 4 KiB page at `va` to frame `pa`, read/write and not executable. Returns 0 when out of
 * page-table memory. Only at boot, or in the calling CPU's own part of the stack arena (see the top
 * of this file). */
int map_page(uint64_t va, uint64_t pa)
{
    uint64_t *e = pte_of(va, true);
    if (e) {
        *e = (pa & ADDR) | PTE_P | PTE_W | PTE_NX;
        invlpg(va);
    }
    return e != 0;
}

/* Sets the access of the mapped 4 KiB page at `va` (boot only, identity map): writable and/or
 * executable. Returns 0 when the page is not mapped or no page table could be allocated. */
int protect_page(uint64_t va, bool writable, bool executable)
{
    uint64_t *e = pte_of(va, true);
    if (!e || !(*e & PTE_P))
        return 0;
    *e = (*e & ~(PTE_W | PTE_NX)) | (writable ? PTE_W : 0) | (executable ? 0 : PTE_NX);
    invlpg(va);
    return 1;
}

/* W^X for the identity map: every page not executable, then the kernel image's code read-only and
 * executable and its read-only data read-only (the linker script aligns the three parts to pages).
 * NX needs EFER.NXE (else bit 63 is a reserved bit and every walk faults), and read-only pages stop
 * ring-0 writes only with CR0.WP; APs set both in ap_boot.S before they turn paging on. */
static void protect_kernel(void)
{
    extern char _load_start[], _text_end[], _ro_end[];
    uint64_t text = (uint64_t)_load_start, text_end = (uint64_t)_text_end;
    for (uint64_t va = text; va < text_end; va += PAGE_SIZE)    /* split what holds code first */
        if (!pte_of(va, true))
            panic("paging: no page table for kernel code at 0x%lx", va);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    write_cr0(read_cr0() | CR0_WP);
    /* Code pages never become NX, not even for a moment: this very code runs on them. */
    uint64_t *pdpt = (uint64_t *)(boot_pml4[0] & ADDR);
    for (uint64_t i = 0; i < 4; i++) {                  /* 0..4 GiB: 2 MiB pages or split tables */
        uint64_t *pd = (uint64_t *)(pdpt[i] & ADDR);
        for (uint64_t j = 0; j < 512; j++) {
            if (!(pd[j] & PTE_P))
                continue;
            if (pd[j] & PTE_PS) {
                pd[j] |= PTE_NX;
                continue;
            }
            uint64_t *pt = (uint64_t *)(pd[j] & ADDR);
            for (uint64_t k = 0; k < 512; k++) {
                uint64_t va = (i << 30) | (j << 21) | (k << 12);
                if (!(pt[k] & PTE_P))
                    continue;
                if (va >= text && va < text_end)
                    pt[k] &= ~PTE_W;                        /* code: read-only, executable */
                else if (va < (uint64_t)_ro_end && va >= text_end)
                    pt[k] = (pt[k] & ~PTE_W) | PTE_NX;      /* read-only data */
                else
                    pt[k] |= PTE_NX;                        /* data, stacks, page tables, MMIO */
            }
        }
    }
    tlb_flush_all();
}

/* Removes the mapping of the 4 KiB page at `va` on this CPU's TLB and in the shared tables. Other
 * CPUs only ever see the new entry for pages they have not touched yet (the only use: guard pages
 * that are never accessed on purpose). */
void unmap_page(uint64_t va)
{
    uint64_t *e = pte_of(va, false);
    if (e) {
        *e = 0;
        invlpg(va);
    }
}

void paging_init(void)
{
    unmap_page(0);                                /* NULL */
    for (uint64_t g = 0; g < BOOT_GUARD_SIZE; g += PAGE_SIZE)
        unmap_page((uint64_t)boot_stack_guard + g);   /* the boot stack overflows into a fault */
    protect_kernel();                             /* W^X; also drops the split 2 MiB TLB entries */
    if (!next_table(&boot_pml4[(STACK_ARENA >> 39) & 511], true))   /* the arena's shared PDPT */
        panic("no memory for the stack arena's page table");
}
