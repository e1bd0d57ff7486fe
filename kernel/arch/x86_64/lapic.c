/* lapic.c — the local APIC (xAPIC, MMIO at 0xFEE00000, identity mapped): enable, id, IPIs, EOI.
 * Interrupts are used for one thing only: waking a halted idle CPU (vector WAKE_VECTOR). */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/lapic.h>

#define LAPIC_BASE   0xFEE00000ull
#define LAPIC_ID     0x020
#define LAPIC_EOI    0x0B0
#define LAPIC_SVR    0x0F0
#define LAPIC_ICRLO  0x300
#define LAPIC_ICRHI  0x310
#define ICR_PENDING  (1u << 12)

static inline uint32_t lapic_read(uint32_t reg) { return *(volatile uint32_t *)(LAPIC_BASE + reg); }
static inline void lapic_write(uint32_t reg, uint32_t v) { *(volatile uint32_t *)(LAPIC_BASE + reg) = v; }

void lapic_enable(void)
{
    lapic_write(LAPIC_SVR, lapic_read(LAPIC_SVR) | 0x100 | SPURIOUS_VECTOR);   /* software enable */
}

uint32_t lapic_id(void)
{
    return lapic_read(LAPIC_ID) >> 24;
}

void lapic_send_ipi(uint32_t apic, uint32_t icr)
{
    lapic_write(LAPIC_ICRHI, apic << 24);
    lapic_write(LAPIC_ICRLO, icr);
    while (lapic_read(LAPIC_ICRLO) & ICR_PENDING)
        cpu_relax();
}

/* Wakes `cpu` if it is halted in its idle loop (harmless otherwise: the interrupt only EOIs). */
void lapic_wake(int cpu)
{
    lapic_send_ipi(percpu[cpu].lapic_id, 0x4000 | WAKE_VECTOR);   /* fixed, assert, physical */
}
