/* panic.c — ending the run: exit codes, panics and crash reports (format: CONTRACTS.md §5). */
#include <arch/cpu.h>
#include <arch/io.h>
#include "mm.h"

void qemu_exit_byte(uint8_t v)
{
    outb(EXIT_PORT, v);
    for (;;) {             /* not reached under QEMU with isa-debug-exit */
        irq_disable();
        cpu_halt();
    }
}

void exit(int code)
{
    /* 0..62 only: QEMU exits with 2(1+code)+1 <= 127, so a status of 128+n always means signal n */
    if (code < 0 || code > 62) {
        printk("exit(%d): exit codes are 0..62; exiting with 62\n", code);
        code = 62;
    }
    qemu_exit_byte((uint8_t)(1 + code));
}

const char *report_note[MAX_CPUS];

static void print_sym(uint64_t addr)
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
static bool readable(uint64_t addr, uint64_t len)
{
    extern char _load_start[], boot_stack_guard[];
    uint64_t guard = (uint64_t)boot_stack_guard;
    if (addr >= (uint64_t)_load_start && addr + len <= 0x100000000ull)
        return !(addr + len > guard && addr < guard + BOOT_GUARD_SIZE);
    return stack_contains(addr) && stack_contains(addr + len - 1);
}

/* Whether `a` can be a return address: just after a call instruction somewhere in the code. */
static bool in_code(uint64_t a)
{
    extern char _load_start[], _text_end[];
    return a > (uint64_t)_load_start && a <= (uint64_t)_text_end;
}

/* The return address on top of the faulting stack when the faulting code has no frame of its own,
 * so that the frame-pointer chain would skip its caller: RIP in no function at all (a call through a
 * NULL or wild pointer), or a function without a frame (gcc sets up none in leaf functions that need
 * no stack, and none exists yet at a function's first instruction), recognised by a direct call to
 * that very function just before the return address. 0 if neither. */
static uint64_t caller_on_top(const struct trap_frame *tf)
{
    if ((tf->rsp & 7) || !readable(tf->rsp, 8))
        return 0;
    uint64_t ret = *(uint64_t *)tf->rsp, off;
    if (!in_code(ret))
        return 0;
    if (!ksym_lookup(tf->rip, &off))
        return ret;
    const uint8_t *call = (const uint8_t *)(ret - 5);
    int32_t rel;
    memcpy(&rel, call + 1, 4);
    return ret - 5 >= 0x100000 && call[0] == 0xE8 && ret + (int64_t)rel == tf->rip - off ? ret : 0;
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
        if (rbp & 7 || !readable(rbp, 16))
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
        print_sym(ret - 1);
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
        printk("error code: 0x%016lx   cr2: 0x%016lx\n", tf->error, read_cr2());
        printk("rip: 0x%016lx <", tf->rip);
        print_sym(tf->rip);
        printk(">\n");
        printk("rax=0x%016lx rbx=0x%016lx rcx=0x%016lx rdx=0x%016lx\n", tf->rax, tf->rbx, tf->rcx, tf->rdx);
        printk("rsi=0x%016lx rdi=0x%016lx rbp=0x%016lx rsp=0x%016lx\n", tf->rsi, tf->rdi, tf->rbp, tf->rsp);
        printk("r8=0x%016lx r9=0x%016lx r10=0x%016lx r11=0x%016lx\n", tf->r8, tf->r9, tf->r10, tf->r11);
        printk("r12=0x%016lx r13=0x%016lx r14=0x%016lx r15=0x%016lx\n", tf->r12, tf->r13, tf->r14, tf->r15);
        printk("rflags=0x%lx cs=0x%lx ss=0x%lx\n", tf->rflags, tf->cs, tf->ss);
        printk("backtrace:\n  #0 0x%016lx ", tf->rip);
        print_sym(tf->rip);
        printk("\n");
        uint64_t ret = caller_on_top(tf);
        if (ret) {
            printk("  #1 0x%016lx ", ret);
            print_sym(ret - 1);
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
    qemu_exit_byte(EXIT_PANIC_BYTE);
}

void crash_report(const char *title, const struct trap_frame *tf, uint64_t rbp)
{
    crash_report_reason(title, 0, tf, rbp);
}

static void vpanic_from(uint64_t frame, const char *fmt, va_list ap) __attribute__((noreturn));
static void vpanic_from(uint64_t frame, const char *fmt, va_list ap)
{
    char msg[160];
    vsnprintf(msg, sizeof msg, fmt, ap);
    irq_disable();
    char reason[176];
    snprintf(reason, sizeof reason, "panic: %s", msg);
    ruedo_fault_hook(reason);
    crash_report_reason(msg, reason, 0, frame);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic_from((uint64_t)__builtin_frame_address(0), fmt, ap);
}

/* For misuse of a kernel call (a double free, a second join): the backtrace starts at the caller of
 * the kernel function whose frame is `frame`, so the report names the culprit's line. */
void panic_caller(const void *frame, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic_from((uint64_t)frame, fmt, ap);
}

void assert_failed(const char *expr, const char *file, int line)
{
    char reason[224];
    irq_disable();
    snprintf(reason, sizeof reason, "assertion failed: %s at %s:%d", expr, file, line);
    ruedo_fault_hook(reason);
    crash_report_reason(reason, reason, 0, (uint64_t)__builtin_frame_address(0));
}
