/* timer.c — time since boot from the TSC, calibrated once against the PIT.
 *
 * The calibration reads PIT channel 2's counter (latched) at the start and the end of a short window
 * instead of waiting for a fixed count to expire: each reading is bracketed by two TSC reads, and of
 * a few tries the tightest bracket is kept, so a vCPU descheduled by a loaded host in the middle of a
 * reading does not skew the rate; the window only has to be long against one PIT tick (838 ns):
 * CAL_TICKS (2 ms) gives a rate within about 0.1 %. (The previous 10 ms one-shot wait was most of
 * the boot time before main.) */
#include <arch/cpu.h>
#include <arch/io.h>

#define PIT_HZ    1193182u
#define CAL_TICKS 2386u                  /* 2 ms of PIT ticks */

static uint64_t tsc_boot, tsc_khz;

/* One latched reading of channel 2's down-counter, with the TSC at its middle. */
static uint16_t pit_read(uint64_t *tsc)
{
    uint64_t best = UINT64_MAX;
    uint16_t count = 0;
    for (int i = 0; i < 3; i++) {
        uint64_t a = rdtsc();
        outb(0x43, 0x80);                /* latch channel 2 */
        uint8_t lo = inb(0x42), hi = inb(0x42);
        uint64_t b = rdtsc();
        if (b - a < best) {
            best = b - a;
            *tsc = a + (b - a) / 2;
            count = (uint16_t)(lo | hi << 8);
        }
    }
    return count;
}

void time_init(void)
{
    /* PIT channel 2, mode 0 (count down once), lobyte/hibyte, from 0xFFFF (55 ms); gate on, speaker off. */
    outb(0x61, (inb(0x61) & ~0x02) | 0x01);
    outb(0x43, 0xB0);
    outb(0x42, 0xFF);
    outb(0x42, 0xFF);
    uint64_t t0, t1;
    uint16_t c0 = pit_read(&t0), c1;
    do
        c1 = pit_read(&t1);
    while ((uint16_t)(c0 - c1) < CAL_TICKS && c1 <= c0);
    uint64_t ticks = (uint16_t)(c0 - c1);
    tsc_khz = ticks ? (t1 - t0) * PIT_HZ / ticks / 1000 : 0;
    if (tsc_khz == 0)
        tsc_khz = 1000000;
    tsc_boot = t0;
}

uint64_t tsc_rate_khz(void)
{
    return tsc_khz;
}

uint64_t uptime_ns(void)
{
    uint64_t d = rdtsc() - tsc_boot;
    return d / tsc_khz * 1000000u + d % tsc_khz * 1000000u / tsc_khz;
}

uint64_t uptime_us(void)
{
    return uptime_ns() / 1000u;
}

uint64_t uptime_ms(void)
{
    return uptime_ns() / 1000000u;
}

/* Busy-waits `us` microseconds (used during CPU bring-up). */
void udelay(uint64_t us)
{
    uint64_t end = rdtsc() + us * tsc_khz / 1000;
    while (rdtsc() < end)
        cpu_relax();
}
