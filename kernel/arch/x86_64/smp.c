/*
 * smp.c — bring up every CPU QEMU gives: find them in the ACPI MADT, start each with INIT-SIPI-SIPI
 * through the local APIC (lapic.c), and let each run its own scheduler.
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/lapic.h>
#include "boot.h"
#include "mm.h"
#include "sched.h"

#define TRAMP        0x8000

extern char ap_tramp_start[], ap_tramp_end[], ap_cr3[], ap_stack[], ap_entry[], ap_id[];
void udelay(uint64_t us);

/* ---- ACPI: RSDP -> RSDT -> MADT, collecting enabled local APIC ids ---- */
static uint32_t apic_ids[MAX_CPUS];

static const uint8_t *find_rsdp(void)
{
    for (uint64_t p = 0xE0000; p < 0x100000; p += 16)
        if (memcmp((const void *)p, "RSD PTR ", 8) == 0)
            return (const uint8_t *)p;
    uint64_t ebda = (uint64_t)(*(volatile uint16_t *)0x40E) << 4;
    for (uint64_t p = ebda; ebda && p < ebda + 1024; p += 16)
        if (memcmp((const void *)p, "RSD PTR ", 8) == 0)
            return (const uint8_t *)p;
    return 0;
}

static int madt_cpus(void)
{
    const uint8_t *rsdp = find_rsdp();
    if (!rsdp)
        return 0;
    const uint8_t *rsdt = (const uint8_t *)(uint64_t)*(const uint32_t *)(rsdp + 16);
    uint32_t len = *(const uint32_t *)(rsdt + 4);
    int n = 0;
    for (uint32_t off = 36; off + 4 <= len; off += 4) {
        const uint8_t *t = (const uint8_t *)(uint64_t)*(const uint32_t *)(rsdt + off);
        if (memcmp(t, "APIC", 4) != 0)
            continue;
        uint32_t tlen = *(const uint32_t *)(t + 4);
        for (uint32_t e = 44; e + 2 <= tlen; e += t[e + 1]) {
            if (t[e + 1] == 0)
                break;
            if (t[e] == 0 && (*(const uint32_t *)(t + e + 4) & 1) && n < MAX_CPUS)
                apic_ids[n++] = t[e + 3];          /* processor local APIC, enabled */
        }
    }
    return n;
}

/* ---- AP side ---- */
static volatile int ap_started;

static void ap_main(int id)
{
    cpu_init(id);
    lapic_enable();
    heap_init_cpu(id);
    sched_init_cpu(id);
    barrier();
    percpu[id].online = 1;
    ap_started = 1;
    sched_idle_loop();
}

void smp_init(void)
{
    pic_disable();
    lapic_enable();
    lapic_timer_calibrate();
    uint32_t bsp = percpu[0].lapic_id;
    percpu[0].online = 1;
    int found = madt_cpus();
    if (found <= 1)
        return;

    protect_page(TRAMP, true, true);          /* the one executable data page, during bring-up only */
    memcpy((void *)TRAMP, ap_tramp_start, (size_t)(ap_tramp_end - ap_tramp_start));
#define TRAMP_VAR(sym) ((volatile uint64_t *)(TRAMP + (sym - ap_tramp_start)))
    *TRAMP_VAR(ap_cr3) = read_cr3();
    *TRAMP_VAR(ap_entry) = (uint64_t)ap_main;

    /* INIT every AP, wait once (10 ms), then start them one by one: the trampoline's variables
     * (stack, id) are shared, so each AP must be running on its own stack before the next SIPI. */
    for (int i = 0; i < found; i++)
        if (apic_ids[i] != bsp)
            lapic_send_ipi(apic_ids[i], 0x4500);     /* INIT, assert */
    udelay(10000);
    for (int i = 0; i < found; i++) {
        if (apic_ids[i] == bsp)
            continue;
        int id = ncpus;
        void *stack = stack_alloc();          /* guarded, like every thread's */
        if (!stack)
            panic("no memory for CPU %d's stack", id);
        *TRAMP_VAR(ap_stack) = (uint64_t)stack;
        *TRAMP_VAR(ap_id) = (uint64_t)id;
        ap_started = 0;
        ncpus = id + 1;                       /* the AP's cpu_init needs its slot counted */
        for (int k = 0; k < 2 && !ap_started; k++) {
            lapic_send_ipi(apic_ids[i], 0x4600 | (TRAMP >> 12));   /* SIPI, vector 0x08 */
            udelay(200);
        }
        for (int w = 0; w < 1000000 && !ap_started; w++)     /* up to ~1 s under TCG */
            udelay(1);
        if (!ap_started) {
            ncpus = id;
            printk("smp: CPU with APIC id %u did not start\n", apic_ids[i]);
        }
    }
    protect_page(TRAMP, true, false);         /* every AP has left the trampoline: data again */
}
