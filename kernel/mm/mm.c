/* mm.c — memory start-up: frames from the Multiboot map, page tables, the boot CPU's heap; once
 * every CPU is up, each gets its own share of the free frames. */
#include "kernel.h"
#include "boot.h"
#include "mm.h"

void mm_init(uint32_t multiboot_info)
{
    phys_init(multiboot_info);
    paging_init();
    heap_init_cpu(0);
}

/* Boot time, after smp_init and before main: CPUs 1..n-1 are idle and allocate nothing yet. */
void mm_share(int ncpus)
{
    if (ncpus > 1)
        phys_share(ncpus);
}
