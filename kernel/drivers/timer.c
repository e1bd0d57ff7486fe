/* timer.c — time since boot from the TSC, calibrated once against the PIT (channel 2, 10 ms). */
#include "kernel.h"
#include "boot.h"
#include <arch/io.h>

static uint64_t tsc_boot, tsc_khz;

void time_init(void)
{
    /* PIT channel 2 in one-shot mode, gated by port 0x61 bit 0; count 11932 = 10 ms at 1.193182 MHz. */
    outb(0x61, (inb(0x61) & ~0x02) | 0x01);
    outb(0x43, 0xB0);
    outb(0x42, 11932 & 0xFF);
    outb(0x42, 11932 >> 8);
    uint64_t t0 = rdtsc();
    while (!(inb(0x61) & 0x20))
        ;
    uint64_t t1 = rdtsc();
    tsc_khz = (t1 - t0) / 10;
    if (tsc_khz == 0)
        tsc_khz = 1000000;
    tsc_boot = t0;
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
