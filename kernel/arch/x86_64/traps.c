/* traps.c — what happens on a CPU exception: a crash report over serial, then the run ends with the
 * panic status (CONTRACTS.md §4-5). A test may arm a recovery point to catch an expected fault. */
#include <arch/cpu.h>
#include <arch/io.h>
#include "mm.h"
#include "sched.h"
#include <arch/lapic.h>

/* "Name (#MNEMONIC" — the report header closes it with ", vector N)" (CONTRACTS.md §5). */
static const char *const names[32] = {
    "Divide error (#DE", "Debug (#DB", "Non-maskable interrupt (NMI", "Breakpoint (#BP",
    "Overflow (#OF", "BOUND range exceeded (#BR", "Invalid opcode (#UD", "Device not available (#NM",
    "Double fault (#DF", "Coprocessor segment overrun (#CSO", "Invalid TSS (#TS", "Segment not present (#NP",
    "Stack-segment fault (#SS", "General protection fault (#GP", "Page fault (#PF", "Reserved (#15",
    "x87 floating-point error (#MF", "Alignment check (#AC", "Machine check (#MC", "SIMD floating-point (#XM",
    "Virtualization exception (#VE", "Control protection (#CP", "Reserved (#22", "Reserved (#23",
    "Reserved (#24", "Reserved (#25", "Reserved (#26", "Reserved (#27",
    "Hypervisor injection (#HV", "VMM communication (#VC", "Security exception (#SX", "Reserved (#31",
};

/* A fault on a guard page (cr2) or with RSP inside one is a stack overflow: say so in the header. */
static bool stack_overflow(const struct trap_frame *tf, uint64_t cr2)
{
    extern char boot_stack_guard[];
    uint64_t g = (uint64_t)boot_stack_guard;
    bool boot = (cr2 >= g && cr2 < g + BOOT_GUARD_SIZE) || (tf->rsp >= g && tf->rsp < g + BOOT_GUARD_SIZE);
    return boot || stack_guard_hit(cr2) || stack_guard_hit(tf->rsp);
}

/* Lower-case names for the one-line reason passed to ruedo_fault_hook (CONTRACTS.md §5). */
static const char *const reasons[32] = {
    "divide error", "debug exception", "non-maskable interrupt", "breakpoint", "overflow",
    "bound range exceeded", "invalid opcode", "device not available", "double fault",
    "coprocessor segment overrun", "invalid TSS", "segment not present", "stack-segment fault",
    "general protection fault", "page fault", "reserved exception 15", "x87 floating-point error",
    "alignment check", "machine check", "SIMD floating-point exception", "virtualization exception",
    "control protection exception", "reserved exception 22", "reserved exception 23",
    "reserved exception 24", "reserved exception 25", "reserved exception 26", "reserved exception 27",
    "hypervisor injection", "VMM communication exception", "security exception", "reserved exception 31",
};

/* Where a faulting address lies, when that explains the fault. */
static const char *region_of(uint64_t a)
{
    extern char _load_start[], _text_end[], _ro_end[];
    if (a >= (uint64_t)_load_start && a < (uint64_t)_text_end)
        return " in kernel/app code (.text)";
    if (a >= (uint64_t)_text_end && a < (uint64_t)_ro_end)
        return " in read-only data (.rodata)";
    return "";
}

/* The reason line: "page fault (write to 0x...)", "stack overflow in thread N", "invalid opcode". */
static void fault_reason(char *buf, size_t n, const struct trap_frame *tf, uint64_t cr2, bool overflow)
{
    if (overflow) {
        struct thread *t = this_cpu()->current;
        int id = t ? t->id : -1;
        snprintf(buf, n, "stack overflow in thread %d%s", id, id == 0 ? " (main)" : "");
    } else if (tf->vector == 14) {
        const char *kind = tf->error & 0x10 ? "execute at" : tf->error & 2 ? "write to" : "read from";
        snprintf(buf, n, "page fault (%s 0x%016lx%s%s)", kind, cr2, region_of(cr2),
                 tf->error & 1 ? ", page protection" : "");
    } else if (tf->vector == 13 && (uint64_t)((int64_t)(tf->rip << 16) >> 16) != tf->rip) {
        snprintf(buf, n, "general protection fault (rip 0x%016lx is not a canonical address: a corrupt "
                 "return address or function pointer)", tf->rip);
    } else {
        snprintf(buf, n, "%s", reasons[tf->vector & 31]);
    }
}

/* The CPU this handler runs on, found without trusting GS: the app may have overwritten the GS base
 * (wrmsr) or the per-CPU block. The local APIC id names the CPU; GS is repaired when it disagrees,
 * and `note` says so in the report. Before smp_init (no APIC ids recorded yet) this is CPU 0. */
static int trap_cpu(char *note, size_t n)
{
    uint32_t apic = lapic_id();
    int cpu = 0;
    for (int i = 0; i < ncpus && i < MAX_CPUS; i++)
        if (percpu[i].lapic_id == apic)
            cpu = i;
    struct percpu *c = &percpu[cpu];
    uint64_t gs = rdmsr(MSR_GS_BASE);
    note[0] = 0;
    if (gs != (uint64_t)c || c->self != c || c->id != cpu) {
        snprintf(note, n, "GS base was 0x%016lx (damaged; CPU found by its local APIC id %u)", gs, apic);
        c->self = c;
        c->id = cpu;
        wrmsr(MSR_GS_BASE, (uint64_t)c);
    }
    return cpu;
}

/* The register part of a crash report (CONTRACTS.md §5). */
void arch_print_registers(const struct trap_frame *tf)
{
    printk("error code: 0x%016lx   cr2: 0x%016lx\n", tf->error, read_cr2());
    printk("rip: 0x%016lx <", tf->rip);
    print_symbol(tf->rip);
    printk(">\n");
    printk("rax=0x%016lx rbx=0x%016lx rcx=0x%016lx rdx=0x%016lx\n", tf->rax, tf->rbx, tf->rcx, tf->rdx);
    printk("rsi=0x%016lx rdi=0x%016lx rbp=0x%016lx rsp=0x%016lx\n", tf->rsi, tf->rdi, tf->rbp, tf->rsp);
    printk("r8=0x%016lx r9=0x%016lx r10=0x%016lx r11=0x%016lx\n", tf->r8, tf->r9, tf->r10, tf->r11);
    printk("r12=0x%016lx r13=0x%016lx r14=0x%016lx r15=0x%016lx\n", tf->r12, tf->r13, tf->r14, tf->r15);
    printk("rflags=0x%lx cs=0x%lx ss=0x%lx\n", tf->rflags, tf->cs, tf->ss);
}

void arch_frame_pointers(const struct trap_frame *tf, uint64_t *pc, uint64_t *sp, uint64_t *fp)
{
    *pc = tf->rip;
    *sp = tf->rsp;
    *fp = tf->rbp;
}

/* The return address on top of the faulting stack when the faulting code has no frame of its own,
 * so that the frame-pointer chain would skip its caller: RIP in no function at all (a call through a
 * NULL or wild pointer), or a function without a frame (gcc sets up none in leaf functions that need
 * no stack, and none exists yet at a function's first instruction), recognised by a direct call
 * (E8 rel32) to that very function just before the return address. 0 if neither. */
uint64_t arch_frameless_caller(const struct trap_frame *tf)
{
    if ((tf->rsp & 7) || !mem_readable(tf->rsp, 8))
        return 0;
    uint64_t ret = *(uint64_t *)tf->rsp, off;
    if (!in_code(ret))
        return 0;
    if (!ksym_lookup(tf->rip, &off))
        return ret;
    const uint8_t *call = (const uint8_t *)(ret - 5);
    int32_t rel;
    memcpy(&rel, call + 1, 4);
    return in_code(ret - 5) && call[0] == 0xE8 && ret + (int64_t)rel == tf->rip - off ? ret : 0;
}

/* Called by trap_common (traps.S) with the saved registers, on this exception's IST stack (cpu.c). */
void trap_handler(struct trap_frame *tf)
{
    static volatile int reporting[MAX_CPUS];
    static char notes[MAX_CPUS][112];
    char note[112];
    int cpu = trap_cpu(note, sizeof note);
    if (reporting[cpu]) {
        /* A fault while printing a report (e.g. a corrupt frame chain): say the minimum and stop,
         * rather than recursing into a triple fault. */
        printk("\n*** KERNEL PANIC on CPU %d: fault (vector %lu) at rip 0x%lx while reporting a crash\n"
               "*** END OF CRASH REPORT\n", cpu, tf->vector, tf->rip);
        arch_exit(EXIT_PANIC_BYTE);
    }
    reporting[cpu] = 1;
    memcpy(notes[cpu], note, sizeof note);
    report_note[cpu] = note[0] ? notes[cpu] : 0;
    char title[128];
    uint64_t cr2 = read_cr2();
    bool overflow = (tf->vector == 8 || tf->vector == 14) && stack_overflow(tf, cr2);
    snprintf(title, sizeof title, "%s, vector %lu)%s", names[tf->vector & 31], tf->vector,
             overflow ? ": stack overflow" : "");
    struct trap_recovery *r = trap_recovery[cpu];
    if (r) {
        /* A test expects this fault: report it like a real crash, then resume the test. */
        trap_recovery[cpu] = 0;
        r->caught = 1;
        r->vector = tf->vector;
        r->rip = tf->rip;
        r->overflow = overflow;
        crash_report_print("EXPECTED FAULT (caught by a test)", title, tf, tf->rbp);
        report_note[cpu] = 0;
        reporting[cpu] = 0;
        klongjmp(r->jmpbuf, 1);
    }
    char reason[160];
    fault_reason(reason, sizeof reason, tf, cr2, overflow);
    ruedo_fault_hook(reason);        /* a debugger stops here, before the report (CONTRACTS.md §5.1) */
    crash_report_reason(title, reason, tf, tf->rbp);
}
