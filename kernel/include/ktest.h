/*
 * ktest.h — in-kernel test cases. KTEST(name) { ... } defines a case and collects it in the .ktests
 * linker section; ktest_run_all() announces `ktest: N test case(s) on C CPU(s)`, runs every case,
 * prints `[ PASS ] name` / `[ FAIL ] name: why` / `[ SKIP ] name: why` and the closing line
 * `N passed, N failed, N skipped`, and returns the number of failures.
 */
#ifndef RUEDO_KTEST_H
#define RUEDO_KTEST_H
#include "ruedo.h"

struct ktest_result { int failed, skipped; char why[160]; };
struct ktest { const char *name; void (*fn)(struct ktest_result *); };

#define KTEST(name)                                                                   \
    static void ktest_fn_##name(struct ktest_result *ktest_r);                        \
    static const struct ktest ktest_##name                                            \
        __attribute__((used, section(".ktests"), aligned(8))) = { #name, ktest_fn_##name }; \
    static void ktest_fn_##name(struct ktest_result *ktest_r)

/* Fails the current case with a message and leaves it. */
#define KASSERT(cond, ...)                                                            \
    do {                                                                              \
        if (!(cond)) {                                                                \
            ktest_r->failed = 1;                                                      \
            ktest_fail(ktest_r, __FILE__, __LINE__, #cond, " " __VA_ARGS__);          \
            return;                                                                   \
        }                                                                             \
    } while (0)

/* Skips the current case (it cannot test anything here, e.g. a cross-CPU case on one CPU). */
#define KSKIP(...)                                                                    \
    do {                                                                              \
        ktest_r->skipped = 1;                                                         \
        snprintf(ktest_r->why, sizeof ktest_r->why, __VA_ARGS__);                     \
        return;                                                                       \
    } while (0)
/* Skips the current case on a run with fewer than n CPUs. */
#define KNEED_CPUS(n)                                                                 \
    do {                                                                              \
        if (cpu_count() < (n))                                                        \
            KSKIP("needs %d CPUs, this run has %d", (n), cpu_count());                \
    } while (0)

int ktest_run_all(void);

/* `ruedo test`'s case selection (ktest_select.c), from the kernel command line: ktest.filter=GLOB runs only
 * the matching cases, ktest.skip=K leaves out the first K of those (run before a crash or hang rebooted). */
int ktest_selected_count(const struct ktest *first, const struct ktest *end);
bool ktest_select(const struct ktest *t);
void ktest_fail(struct ktest_result *r, const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Runs fn(arg) expecting a CPU exception: returns the vector caught, or -1 if none happened.
 * The crash report is printed as for a real crash, and the run goes on. */
int ktest_expect_fault(void (*fn)(void *), void *arg);

/* What the last ktest_expect_fault() on this CPU caught. */
struct ktest_fault {
    int vector;                    /* -1: none */
    uint64_t rip;                  /* faulting instruction */
    const char *function;          /* its symbol, from the embedded table ("?" if unknown) */
    bool stack_overflow;           /* the report's header said "stack overflow" */
};
struct ktest_fault ktest_last_fault(void);

#endif
