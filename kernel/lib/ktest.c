/* ktest.c — runs the test cases collected by KTEST() (see ktest.h). */
#include "arch.h"
#include "ktest.h"

extern const struct ktest __ktests_start[], __ktests_end[];

int ktest_run_all(void)
{
    int passed = 0, failed = 0, skipped = 0;
    printk("ktest: %d test case(s) on %d CPU(s)\n", ktest_selected_count(__ktests_start, __ktests_end), cpu_count());
    for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
        if (!ktest_select(t))
            continue;
        printk("[ RUN  ] %s\n", t->name);      /* ruedo test: the case a crash or a hang belongs to */
        struct ktest_result r = { 0, 0, "" };
        t->fn(&r);
        if (r.failed) {
            failed++;
            printk("[ FAIL ] %s: %s\n", t->name, r.why);
        } else if (r.skipped) {
            skipped++;
            printk("[ SKIP ] %s: %s\n", t->name, r.why);
        } else {
            passed++;
            printk("[ PASS ] %s\n", t->name);
        }
    }
    printk("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed;
}

void ktest_fail(struct ktest_result *r, const char *file, int line, const char *cond, const char *fmt, ...)
{
    r->failed = 1;
    int n = snprintf(r->why, sizeof r->why, "%s:%d: %s:", file, line, cond);
    if (n < (int)sizeof r->why) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->why + n, sizeof r->why - n, fmt, ap);
        va_end(ap);
    }
}

static struct trap_recovery rec[MAX_CPUS];

int ktest_expect_fault(void (*fn)(void *), void *arg)
{
    int cpu = cpu_id();
    struct trap_recovery *r = &rec[cpu];
    r->caught = 0;
    if (ksetjmp(r->jmpbuf) == 0) {
        trap_recovery[cpu] = r;
        fn(arg);
        trap_recovery[cpu] = 0;
        return -1;
    }
    return r->caught ? (int)r->vector : -1;
}

struct ktest_fault ktest_last_fault(void)
{
    struct trap_recovery *r = &rec[cpu_id()];
    if (!r->caught)
        return (struct ktest_fault){ -1, 0, "?", false };
    const char *name = ksym_lookup(r->rip, 0);
    return (struct ktest_fault){ (int)r->vector, r->rip, name ? name : "?", r->overflow };
}
