/* mm.c — memory start-up: frames from the Multiboot map, page tables, the boot CPU's heap. */
#include "kernel.h"
#include "boot.h"
#include "mm.h"

void mm_init(uint32_t multiboot_info)
{
    phys_init(multiboot_info);
    paging_init();
    heap_init_cpu(0);
}
