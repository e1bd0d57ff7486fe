/* boot.h — the initialisation steps kmain calls, one per subsystem. */
#ifndef RUEDO_BOOT_H
#define RUEDO_BOOT_H
#include <stdint.h>
#include <stddef.h>

void cmdline_init(uint32_t multiboot_info);
void mm_init(uint32_t multiboot_info);
void mm_share(int ncpus);
size_t mm_free_bytes(void);
void sched_init(void);

#endif
