/* cpu.c — per-CPU descriptor tables: a GDT with ring-0 code/data and one TSS per CPU (for the IST
 * stacks every exception runs on), the shared IDT of exception gates, and the GS base.
 *
 * Every exception runs on a per-CPU IST stack, never on the faulting stack, so a fault with little
 * stack left (or a stack overflow, which faults on the guard page) is still reported in full.
 * Exceptions that can nest get different stacks: a #PF or #GP while reporting another fault, a #DF,
 * an NMI or a #MC at any time do not overwrite the frame of the fault being reported. A second fault
 * of the same kind while reporting reuses its stack; trap_handler then prints a one-line report only. */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/lapic.h>

#define IST_SIZE    8192

/* IST slots (TSS.IST1..7) by exception. */
enum { IST_DF = 1, IST_NMI, IST_MC, IST_PF, IST_GP, IST_OTHER, IST_COUNT = IST_OTHER };

struct percpu percpu[MAX_CPUS];
int ncpus = 1;
struct trap_recovery *trap_recovery[MAX_CPUS];

/* Ring-0 only: null, code 0x08, data 0x10, then a 16-byte TSS descriptor per CPU at 0x18 + 16*id. */
static uint64_t gdt[3 + 2 * MAX_CPUS] __attribute__((aligned(16))) = {
    0, 0x00AF9A000000FFFFull, 0x00CF92000000FFFFull,
};
static uint8_t ist_stacks[MAX_CPUS][IST_COUNT][IST_SIZE] __attribute__((aligned(16)));
static uint64_t tss[MAX_CPUS][13] __attribute__((aligned(16)));   /* 104-byte 64-bit TSS per CPU */

struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} __attribute__((packed));
static struct idt_gate idt[256] __attribute__((aligned(16)));
extern const uint64_t trap_stubs[32];

struct __attribute__((packed)) dtr { uint16_t limit; uint64_t base; };

static void set_gate(int v, uint64_t a, int ist)
{
    idt[v] = (struct idt_gate){
        .off_lo = (uint16_t)a, .sel = 0x08, .ist = (uint8_t)ist,
        .type = 0x8E,                                /* present, DPL 0, 64-bit interrupt gate */
        .off_mid = (uint16_t)(a >> 16), .off_hi = (uint32_t)(a >> 32),
    };
}

void idt_init(void)
{
    extern char irq_wake[], irq_spurious[];
    for (int v = 0; v < 32; v++) {
        int ist = v == 8 ? IST_DF : v == 2 ? IST_NMI : v == 18 ? IST_MC : v == 14 ? IST_PF
                : v == 13 ? IST_GP : IST_OTHER;
        set_gate(v, trap_stubs[v], ist);
    }
    set_gate(WAKE_VECTOR, (uint64_t)irq_wake, 0);
    set_gate(SPURIOUS_VECTOR, (uint64_t)irq_spurious, 0);
    for (int v = PIC_VECTOR; v < PIC_VECTOR + 16; v++)
        set_gate(v, (uint64_t)irq_spurious, 0);                 /* masked PIC lines: spurious only */
}

void cpu_init(int id)
{
    struct percpu *c = &percpu[id];
    c->lapic_id = lapic_id();        /* first: trap_handler finds the CPU by it (traps.c) */
    c->self = c;
    c->id = id;
    /* TSS: ISTn at byte offset 36 + 8*(n-1) (unaligned inside the 64-bit TSS); build bytewise. */
    uint8_t *t = (uint8_t *)tss[id];
    memset(t, 0, sizeof tss[id]);
    for (int n = 1; n <= IST_COUNT; n++) {
        uint64_t top = (uint64_t)(ist_stacks[id][n - 1] + IST_SIZE);
        memcpy(t + 36 + 8 * (n - 1), &top, 8);
    }
    uint16_t iomap = sizeof tss[id];
    memcpy(t + 102, &iomap, 2);
    uint64_t base = (uint64_t)t, limit = sizeof tss[id] - 1;
    gdt[3 + 2 * id] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ull << 40) |
                      (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
    gdt[4 + 2 * id] = base >> 32;

    struct dtr g = { sizeof gdt - 1, (uint64_t)gdt };
    struct dtr i = { sizeof idt - 1, (uint64_t)idt };
    __asm__ volatile("lgdt %0" : : "m"(g));
    __asm__ volatile(
        "pushq $0x08\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1: mov $0x10, %%ax\n\t"
        "mov %%ax, %%ds\n\t mov %%ax, %%es\n\t mov %%ax, %%ss\n\t"
        : : : "rax", "memory");
    uint16_t tr = (uint16_t)(0x18 + 16 * id);
    __asm__ volatile("ltr %0" : : "r"(tr));
    __asm__ volatile("lidt %0" : : "m"(i));
    wrmsr(MSR_GS_BASE, (uint64_t)c);
}

/* Whether `a` lies on one of the CPU's IST stacks (backtraces walk them too). */
bool ist_contains(uint64_t a)
{
    uint64_t lo = (uint64_t)ist_stacks, hi = lo + sizeof ist_stacks;
    return a >= lo && a < hi;
}

/* Ends the run: the exit byte to QEMU's isa-debug-exit port (CONTRACTS.md §4). */
void arch_exit(uint8_t v)
{
    outb(EXIT_PORT, v);
    for (;;) {             /* not reached under QEMU with isa-debug-exit */
        irq_disable();
        cpu_halt();
    }
}

int cpu_id(void)
{
    return this_cpu()->id;
}

int cpu_count(void)
{
    return ncpus;
}
