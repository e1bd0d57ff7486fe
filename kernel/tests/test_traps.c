/* Exception-reporting tests: the handler names the fault and the faulting function. */
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

KTEST(null_dereference_is_a_page_fault)
{
    KASSERT(ktest_expect_fault(deref_null, 0) == 14);
}

KTEST(divide_by_zero_is_reported)
{
    KASSERT(ktest_expect_fault(divide_by_zero, 0) == 0);
}

KTEST(invalid_opcode_is_reported)
{
    KASSERT(ktest_expect_fault(bad_opcode, 0) == 6);
}

static void no_fault(void *arg) { (void)arg; }

KTEST(no_fault_reports_nothing)
{
    KASSERT(ktest_expect_fault(no_fault, 0) == -1);
}
