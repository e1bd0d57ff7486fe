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

static volatile int thread_vector, thread_overflow;
static void overflow_in_thread(void *arg)
{
    (void)arg;
    thread_vector = ktest_expect_fault(overflow, 0);
    thread_overflow = ktest_last_fault().stack_overflow;
}

KTEST(thread_stack_overflow_hits_the_guard_page_and_is_reported)
{
    thread_vector = -2;
    thread_t *t = BeginThread(overflow_in_thread, 0, cpu_count() - 1);
    KASSERT(t != NULL);
    thread_join(t);
    KASSERT(thread_vector == 14, "caught vector %d, want a page fault (14) on the guard", thread_vector);
    KASSERT(thread_overflow, "the report does not say stack overflow");
}

KTEST(boot_stack_overflow_hits_the_guard_page_and_is_reported)
{
    KASSERT(ktest_expect_fault(overflow, 0) == 14);
    KASSERT(ktest_last_fault().stack_overflow);
    /* the run goes on: the boot stack is intact above the point where the test armed the recovery */
    void *p = malloc(32);
    KASSERT(p != NULL);
    free(p);
}
