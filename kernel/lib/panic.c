/* panic.c — ending the run: exit codes, panics and crash reports (format: CONTRACTS.md §5). */
#include "arch.h"
#include "mm.h"

void exit(int code)
{
    /* 0..62 only: QEMU exits with 2(1+code)+1 <= 127, so a status of 128+n always means signal n */
    if (code < 0 || code > 62) {
        printk("exit(%d): exit codes are 0..62; exiting with 62\n", code);
        code = 62;
    }
    arch_exit((uint8_t)(1 + code));
}

const char *report_note[MAX_CPUS];

void print_symbol(uint64_t addr)
{
    uint64_t off;
    const char *name = ksym_lookup(addr, &off);
    if (name)
        printk("%s+0x%lx", name, off);
    else
        printk("?");
}

/* Whether [addr, addr+len) can be read without faulting: the identity map below 4 GiB except the
 * boot stack's guard, or a mapped thread stack. */
bool mem_readable(uint64_t addr, uint64_t len)
{
    extern char _load_start[], boot_stack_guard[];
    uint64_t guard = (uint64_t)boot_stack_guard;
    if (addr >= (uint64_t)_load_start && addr + len <= 0x100000000ull)
        return !(addr + len > guard && addr < guard + BOOT_GUARD_SIZE);
    return stack_contains(addr) && stack_contains(addr + len - 1);
}

/* Whether `a` can be a return address: just after a call instruction somewhere in the code. */
bool in_code(uint64_t a)
{
    extern char _load_start[], _text_end[];
    return a > (uint64_t)_load_start && a <= (uint64_t)_text_end;
}

/* Walks the frame-pointer chain (everything is built with -fno-omit-frame-pointer), numbering the
 * frames from `first`. Every frame pointer is checked before it is read, so a corrupt chain ends the
 * backtrace instead of faulting. Runs of the same return address (deep recursion, e.g. a stack
 * overflow) are printed once with a count. */
void print_backtrace(uint64_t rbp, int max, int first)
{
    uint64_t prev = 0, repeats = 0;
    int printed = 0;
    for (int i = 0; i < 4096 && rbp && printed < max; i++) {
        if (rbp & 7 || !mem_readable(rbp, 16))
            break;
        uint64_t ret = ((uint64_t *)rbp)[1];
        if (!in_code(ret))
            break;
        rbp = ((uint64_t *)rbp)[0];
        if (ret == prev) {
            repeats++;
            continue;
        }
        if (repeats)
            printk("     ... the frame above repeated %lu more times\n", repeats);
        repeats = 0;
        prev = ret;
        printk("  #%d 0x%016lx ", first + printed, ret);
        print_symbol(ret - 1);
        printk("\n");
        printed++;
    }
    if (repeats)
        printk("     ... the frame above repeated %lu more times\n", repeats);
}

/* The debugger's stop (the "stop at the fault" contract, CONTRACTS.md §5): every fatal path calls it on
 * the faulting CPU before printing the report; gdb breaks here and shows `reason`. Never inlined or
 * elided, so the breakpoint always has a place. */
__attribute__((noinline, used)) void ruedo_fault_hook(const char *reason)
{
    __asm__ volatile("" : : "r"(reason) : "memory");
}

static void crash_report_print_reason(const char *kind, const char *title, const char *reason,
                               const struct trap_frame *tf, uint64_t rbp)
{
    int first = 1;
    console_lock();
    printk("\n*** %s on CPU %d: %s\n", kind, cpu_id(), title);
    if (reason)
        printk("reason: %s\n", reason);
    if (report_note[cpu_id()])
        printk("note: %s\n", report_note[cpu_id()]);
    if (tf) {
        arch_print_registers(tf);
        uint64_t pc, sp, fp, ret;
        arch_frame_pointers(tf, &pc, &sp, &fp);
        printk("backtrace:\n  #0 0x%016lx ", pc);
        print_symbol(pc);
        printk("\n");
        if ((ret = arch_frameless_caller(tf)) != 0) {
            printk("  #1 0x%016lx ", ret);
            print_symbol(ret - 1);
            printk(" (return address at rsp)\n");
            first = 2;
        }
    } else {
        printk("backtrace:\n");
    }
    print_backtrace(rbp, 16, first);
    printk("*** END OF CRASH REPORT\n");
    console_unlock();
}

void crash_report_print(const char *kind, const char *title, const struct trap_frame *tf, uint64_t rbp)
{
    crash_report_print_reason(kind, title, 0, tf, rbp);
}

void crash_report_reason(const char *title, const char *reason, const struct trap_frame *tf, uint64_t rbp)
{
    crash_report_print_reason("KERNEL PANIC", title, reason, tf, rbp);
    arch_exit(EXIT_PANIC_BYTE);
}

void crash_report(const char *title, const struct trap_frame *tf, uint64_t rbp)
{
    crash_report_reason(title, 0, tf, rbp);
}

uint64_t panic_frame[MAX_CPUS];

/* A debugger stopped in ruedo_fault_hook sees panic right above it and its caller next (the frames
 * CONTRACTS.md §5.1/§5.2 count); panic_caller() (kernel.h) only sets where the report's backtrace
 * starts. */
void panic(const char *fmt, ...)
{
    char msg[160], reason[176];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    arch_irq_disable();
    snprintf(reason, sizeof reason, "panic: %s", msg);
    ruedo_fault_hook(reason);
    int cpu = cpu_id();
    uint64_t frame = panic_frame[cpu] ? panic_frame[cpu] : (uint64_t)__builtin_frame_address(0);
    crash_report_reason(msg, reason, 0, frame);
}

void assert_failed(const char *expr, const char *file, int line)
{
    char reason[224];
    arch_irq_disable();
    snprintf(reason, sizeof reason, "assertion failed: %s at %s:%d", expr, file, line);
    ruedo_fault_hook(reason);
    crash_report_reason(reason, reason, 0, (uint64_t)__builtin_frame_address(0));
}
