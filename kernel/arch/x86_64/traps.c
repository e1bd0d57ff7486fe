/* traps.c — what happens on a CPU exception: a crash report over serial, then the run ends with the
 * panic status (CONTRACTS.md §4-5). A test may arm a recovery point to catch an expected fault. */
#include <arch/cpu.h>
#include <arch/io.h>

static const char *const names[32] = {
    "Divide error (#DE)", "Debug (#DB)", "Non-maskable interrupt (NMI)", "Breakpoint (#BP)",
    "Overflow (#OF)", "BOUND range exceeded (#BR)", "Invalid opcode (#UD)", "Device not available (#NM)",
    "Double fault (#DF)", "Coprocessor segment overrun", "Invalid TSS (#TS)", "Segment not present (#NP)",
    "Stack-segment fault (#SS)", "General protection fault (#GP)", "Page fault (#PF)", "Reserved (15)",
    "x87 floating-point error (#MF)", "Alignment check (#AC)", "Machine check (#MC)", "SIMD floating-point (#XM)",
    "Virtualization exception (#VE)", "Control protection (#CP)", "Reserved (22)", "Reserved (23)",
    "Reserved (24)", "Reserved (25)", "Reserved (26)", "Reserved (27)",
    "Hypervisor injection (#HV)", "VMM communication (#VC)", "Security exception (#SX)", "Reserved (31)",
};

void trap_handler(struct trap_frame *tf)
{
    char title[96];
    snprintf(title, sizeof title, "%s, vector %lu", names[tf->vector & 31], tf->vector);
    int cpu = this_cpu()->id;
    struct trap_recovery *r = trap_recovery[cpu];
    if (r) {
        /* A test expects this fault: report it like a real crash, then resume the test. */
        trap_recovery[cpu] = 0;
        r->caught = 1;
        r->vector = tf->vector;
        r->rip = tf->rip;
        crash_report_print("EXPECTED FAULT (caught by a test)", title, tf, tf->rbp);
        klongjmp(r->jmpbuf, 1);
    }
    crash_report(title, tf, tf->rbp);
}
