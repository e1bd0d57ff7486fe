/*
 * kmain.c — the kernel, top to bottom. Entered on the bootstrap CPU from boot.S in long mode with
 * the first 4 GiB identity mapped, interrupts off, on the boot stack.
 */
#include "arch.h"
#include "boot.h"

extern int main(void);

void kmain(uint32_t magic, uint32_t mbi)
{
    idt_init();                      /* exception gates: from here on a fault prints a crash report */
    cpu_init(0);                     /* GDT + TSS, IDT, GS -> percpu[0] */
    serial_init();
    printk("Ruedo kernel booting (multiboot magic 0x%x)\n", magic);
    if (magic != 0x2BADB002)
        panic("not loaded by a Multiboot loader (magic 0x%x)", magic);

    cmdline_init(mbi);               /* -append text, for kernel_cmdline() */
    mm_init(mbi);                    /* physical memory from the Multiboot map, kernel heap */
    time_init();                     /* TSC calibration: uptime_ns() */
    sched_init();                    /* this CPU's scheduler; the boot flow becomes its first thread */
    smp_init();                      /* LAPIC, start every other CPU; each runs its scheduler loop */
    mm_share(cpu_count());           /* every CPU gets its own share of the free frames */

    printk("Ruedo: %d CPU(s), %lu MiB free, TSC %lu kHz; calling main()\n", cpu_count(),
           mm_free_bytes() >> 20, tsc_rate_khz());
    int code = main();
    printk("Ruedo: main() returned %d\n", code);
    exit(code);
}
