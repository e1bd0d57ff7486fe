/* lapic.c — the local APIC (xAPIC, MMIO at 0xFEE00000, identity mapped): enable, id, IPIs, and
 * its one-shot timer. Interrupts are used for one thing only: waking a CPU halted in the scheduler
 * (vector WAKE_VECTOR), either by another CPU's IPI or by this timer when a sleeping thread is due. */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/lapic.h>

#define LAPIC_BASE   0xFEE00000ull
#define LAPIC_ID     0x020
#define LAPIC_EOI    0x0B0
#define LAPIC_SVR    0x0F0
#define LAPIC_ICRLO  0x300
#define LAPIC_ICRHI  0x310
#define LAPIC_TIMER  0x320
#define LAPIC_LINT0  0x350
#define LAPIC_TINIT  0x380
#define LAPIC_TCUR   0x390
#define LAPIC_TDIV   0x3E0
#define ICR_PENDING  (1u << 12)
#define LVT_MASKED   (1u << 16)

void udelay(uint64_t us);
static uint64_t ticks_per_ms;      /* timer ticks (bus clock / 16) per millisecond, same on every CPU */

static inline uint32_t lapic_read(uint32_t reg) { return *(volatile uint32_t *)(LAPIC_BASE + reg); }
static inline void lapic_write(uint32_t reg, uint32_t v) { *(volatile uint32_t *)(LAPIC_BASE + reg) = v; }

/* The legacy 8259 PICs: the BIOS left them at vectors 8-15 with the PIT ticking on IRQ 0, which
 * would arrive as a bogus "double fault" the first time a CPU enables interrupts. Remap them to
 * PIC_VECTOR..+15 (gates that ignore them, see cpu.c) and mask every line. Boot CPU, once. */
void pic_disable(void)
{
    static const uint8_t init[2][4] = { { 0x11, PIC_VECTOR, 0x04, 0x01 }, { 0x11, PIC_VECTOR + 8, 0x02, 0x01 } };
    for (int i = 0; i < 2; i++) {
        uint16_t cmd = i ? 0xA0 : 0x20, data = cmd + 1;
        outb(cmd, init[i][0]);               /* ICW1: init, ICW4 follows */
        outb(data, init[i][1]);              /* ICW2: vector base */
        outb(data, init[i][2]);              /* ICW3: cascade on IRQ 2 */
        outb(data, init[i][3]);              /* ICW4: 8086 mode */
        outb(data, 0xFF);                    /* mask all */
    }
}

void lapic_enable(void)
{
    lapic_write(LAPIC_LINT0, LVT_MASKED);                                       /* no ExtINT from the PIC */
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
void arch_wake_cpu(int cpu)
{
    lapic_send_ipi(percpu[cpu].lapic_id, 0x4000 | WAKE_VECTOR);   /* fixed, assert, physical */
}

/* Measures the timer against the TSC (1 ms); on the boot CPU, after time_init(). */
void lapic_timer_calibrate(void)
{
    lapic_write(LAPIC_TDIV, 0x3);                       /* divide by 16 */
    lapic_write(LAPIC_TIMER, LVT_MASKED | WAKE_VECTOR);
    lapic_write(LAPIC_TINIT, 0xFFFFFFFFu);
    udelay(1000);
    ticks_per_ms = 0xFFFFFFFFu - lapic_read(LAPIC_TCUR);
    lapic_write(LAPIC_TINIT, 0);
    if (ticks_per_ms == 0)
        ticks_per_ms = 1;
}

/* Raises WAKE_VECTOR on this CPU after `ns` nanoseconds (one-shot; clamped to the 32-bit counter). */
void arch_timer_oneshot(uint64_t ns)
{
    uint64_t ticks = ns / 1000 * ticks_per_ms / 1000 + 1;
    lapic_write(LAPIC_TDIV, 0x3);
    lapic_write(LAPIC_TIMER, WAKE_VECTOR);               /* one-shot, unmasked */
    lapic_write(LAPIC_TINIT, ticks > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)ticks);
}

void arch_timer_stop(void)
{
    lapic_write(LAPIC_TINIT, 0);
}
