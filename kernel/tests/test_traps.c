/* Exception-reporting tests: the handler names the fault and the faulting function, and a stack
 * overflow is caught by the guard page and reported from the #PF IST stack. */
#include <ktest.h>

__attribute__((noinline)) static void deref_null(void *arg)
{
    (void)arg;
    *(volatile int *)0 = 42;
}

__attribute__((noinline)) static void divide_by_zero(void *arg)
{
    volatile int zero = (int)(long)arg;
    volatile int x = 10 / zero;
    (void)x;
}

__attribute__((noinline)) static void bad_opcode(void *arg)
{
    (void)arg;
    __asm__ volatile("ud2");
}

KTEST(null_dereference_is_a_page_fault_in_the_named_function)
{
    KASSERT(ktest_expect_fault(deref_null, 0) == 14);
    struct ktest_fault f = ktest_last_fault();
    KASSERT(strcmp(f.function, "deref_null") == 0, "report named %s", f.function);
    KASSERT(!f.stack_overflow);
}

KTEST(divide_by_zero_is_reported)
{
    KASSERT(ktest_expect_fault(divide_by_zero, 0) == 0);
    KASSERT(strcmp(ktest_last_fault().function, "divide_by_zero") == 0, "%s", ktest_last_fault().function);
}

KTEST(invalid_opcode_is_reported)
{
    KASSERT(ktest_expect_fault(bad_opcode, 0) == 6);
    KASSERT(strcmp(ktest_last_fault().function, "bad_opcode") == 0, "%s", ktest_last_fault().function);
}

__attribute__((noinline)) static void non_canonical_read(void *arg)
{
    (void)arg;
    (void)*(volatile long *)0x8000000000000000ull;   /* not a canonical address: #GP, not #PF */
}

KTEST(non_canonical_address_is_a_general_protection_fault)
{
    KASSERT(ktest_expect_fault(non_canonical_read, 0) == 13);
    KASSERT(strcmp(ktest_last_fault().function, "non_canonical_read") == 0, "%s", ktest_last_fault().function);
}

static void no_fault(void *arg) { (void)arg; }

KTEST(no_fault_reports_nothing)
{
    KASSERT(ktest_expect_fault(no_fault, 0) == -1);
    KASSERT(ktest_last_fault().vector == -1);
}

/* Unbounded recursion; the volatile buffer keeps gcc from turning it into a loop. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
__attribute__((noinline)) static unsigned long recurse(unsigned long depth)
{
    volatile char frame[256];
    frame[0] = (char)depth;
    return recurse(depth + 1) + frame[0];
}
static void overflow(void *arg) { (void)arg; recurse(0); }

/* Frames larger than a page: gcc's stack-clash probes (CONTRACTS.md §2) touch every page on the way
 * down, so even one 40 KB frame ends on the guard, never in the memory below it. */
__attribute__((noinline)) static unsigned long recurse_8k(unsigned long depth)
{
    volatile char frame[8192];
    frame[0] = (char)depth;
    return recurse_8k(depth + 1) + frame[0];
}
__attribute__((noinline)) static unsigned long one_big_frame(unsigned long depth)
{
    volatile char frame[40000];
    frame[0] = (char)depth;
    frame[39999] = (char)depth;
    return frame[0] + frame[39999];
}
static void overflow_8k(void *arg) { (void)arg; recurse_8k(0); }
static void overflow_40k(void *arg) { (void)arg; one_big_frame(0); }

static volatile int thread_vector, thread_overflow;
static void (*volatile thread_case)(void *);
static char thread_function[32];
static void overflow_in_thread(void *arg)
{
    (void)arg;
    thread_vector = ktest_expect_fault(thread_case, 0);
    thread_overflow = ktest_last_fault().stack_overflow;
    strncpy(thread_function, ktest_last_fault().function, sizeof thread_function - 1);
}

/* Runs `fn` in a thread on `cpu`, expecting a stack overflow; "" if it was reported as one. */
static const char *overflow_on(int cpu, void (*fn)(void *), const char *in)
{
    static char why[96];
    thread_vector = -2;
    thread_overflow = 0;
    thread_case = fn;
    thread_t *t = BeginThread(overflow_in_thread, 0, cpu);
    if (!t)
        return "no thread";
    thread_join(t);
    if (thread_vector != 14)
        snprintf(why, sizeof why, "CPU %d: caught vector %d, want a page fault (14) on the guard", cpu, thread_vector);
    else if (!thread_overflow)
        snprintf(why, sizeof why, "CPU %d: the report does not say stack overflow", cpu);
    else if (strcmp(thread_function, in) != 0)
        snprintf(why, sizeof why, "CPU %d: reported in %s, want %s", cpu, thread_function, in);
    else
        return "";
    return why;
}

KTEST(thread_stack_overflow_hits_the_guard_page_and_is_reported)
{
    const char *why = overflow_on(cpu_count() - 1, overflow, "recurse");
    KASSERT(!*why, "%s", why);
}

KTEST(thread_overflow_with_frames_larger_than_a_page_is_reported_on_cpu_0_and_the_last)
{
    const char *why = overflow_on(0, overflow_8k, "recurse_8k");
    KASSERT(!*why, "8 KiB frames: %s", why);
    why = overflow_on(cpu_count() - 1, overflow_8k, "recurse_8k");
    KASSERT(!*why, "8 KiB frames: %s", why);
    why = overflow_on(0, overflow_40k, "one_big_frame");
    KASSERT(!*why, "one 40 KB frame: %s", why);
    why = overflow_on(cpu_count() - 1, overflow_40k, "one_big_frame");
    KASSERT(!*why, "one 40 KB frame: %s", why);
}

KTEST(boot_stack_overflow_hits_the_guard_page_and_is_reported)
{
    KASSERT(ktest_expect_fault(overflow, 0) == 14);
    KASSERT(ktest_last_fault().stack_overflow);
    KASSERT(ktest_expect_fault(overflow_8k, 0) == 14);
    KASSERT(ktest_last_fault().stack_overflow);
    KASSERT(strcmp(ktest_last_fault().function, "recurse_8k") == 0, "%s", ktest_last_fault().function);
    /* the run goes on: the boot stack is intact above the point where the test armed the recovery */
    void *p = malloc(32);
    KASSERT(p != NULL);
    free(p);
}

/* W^X: code and read-only data cannot be written, data cannot be executed. */
static const int constant = 7;
static unsigned char data_ret[4] = { 0xc3 };
static void write_code(void *arg) { (void)arg; *(volatile unsigned char *)(uint64_t)deref_null = 0xcc; }
static void write_const(void *arg) { (void)arg; *(volatile int *)&constant = 8; }
static void run_data(void *arg) { (void)arg; ((void (*)(void))(uint64_t)data_ret)(); }

KTEST(code_and_constants_are_read_only_and_data_is_not_executable)
{
    KASSERT(ktest_expect_fault(write_code, 0) == 14);
    KASSERT(strcmp(ktest_last_fault().function, "write_code") == 0, "%s", ktest_last_fault().function);
    KASSERT(*(volatile unsigned char *)(uint64_t)deref_null != 0xcc, "code was patched");
    KASSERT(ktest_expect_fault(write_const, 0) == 14);
    KASSERT(constant == 7);
    KASSERT(ktest_expect_fault(run_data, 0) == 14);
    KASSERT(ktest_last_fault().rip == (uint64_t)data_ret, "rip 0x%lx", ktest_last_fault().rip);
}
