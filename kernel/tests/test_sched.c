/* Scheduler tests: local threads, yield order, sleep, join, and the migration stress test. */
#include <ktest.h>

static volatile int counter;
static void bump(void *arg) { __sync_fetch_and_add(&counter, (int)(long)arg); }

KTEST(local_threads_run_and_join)
{
    counter = 0;
    thread_t *t[10];
    for (int i = 0; i < 10; i++)
        t[i] = BeginThread(bump, (void *)1L, cpu_id());
    for (int i = 0; i < 10; i++) {
        KASSERT(t[i] != NULL);
        thread_join(t[i]);
    }
    KASSERT(counter == 10, "counter = %d", counter);
}

static volatile int trace[8], trace_len;
static void yielder(void *arg)
{
    for (int i = 0; i < 2; i++) {
        trace[trace_len++] = (int)(long)arg;
        thread_yield();
    }
}

KTEST(yield_round_robin)
{
    trace_len = 0;
    thread_t *a = BeginThread(yielder, (void *)1L, cpu_id());
    thread_t *b = BeginThread(yielder, (void *)2L, cpu_id());
    thread_join(a);
    thread_join(b);
    KASSERT(trace_len == 4, "%d", trace_len);
    /* both threads interleave: neither runs twice in a row */
    KASSERT(trace[0] != trace[1] && trace[1] != trace[2], "%d %d %d %d", trace[0], trace[1], trace[2], trace[3]);
}

KTEST(sleep_waits_at_least_the_time)
{
    uint64_t t0 = uptime_ns();
    thread_sleep(20);
    uint64_t dt = uptime_ns() - t0;
    KASSERT(dt >= 20000000u, "slept %lu ns", dt);
}

static volatile int ran_on[64];
static void where(void *arg) { ran_on[(long)arg] = cpu_id() + 1; }

KTEST(thread_runs_on_requested_cpu)
{
    int n = cpu_count();
    thread_t *t[8];
    for (int c = 0; c < n; c++) {
        ran_on[c] = 0;
        t[c] = BeginThread(where, (void *)(long)c, c);
    }
    for (int c = 0; c < n; c++) {
        thread_join(t[c]);
        KASSERT(ran_on[c] == c + 1, "thread for CPU %d ran on CPU %d", c, ran_on[c] - 1);
    }
}

/* Migration stress: every CPU creates threads on every CPU; each must run exactly once. */
#define PER_PAIR 40
static volatile int runs[8][8][PER_PAIR];
static volatile int creators_done;
struct spawn_arg { int from, to, k; };
static struct spawn_arg args[8][8][PER_PAIR];

static void victim(void *arg)
{
    struct spawn_arg *a = arg;
    __sync_fetch_and_add(&runs[a->from][a->to][a->k], 1);
    if (cpu_id() != a->to)
        runs[a->from][a->to][a->k] = 1000;        /* wrong CPU: recorded as an error */
}

static void creator(void *arg)
{
    int from = (int)(long)arg, n = cpu_count();
    thread_t *mine[8 * PER_PAIR];
    int m = 0;
    for (int k = 0; k < PER_PAIR; k++)
        for (int to = 0; to < n; to++) {
            args[from][to][k] = (struct spawn_arg){ from, to, k };
            mine[m++] = BeginThread(victim, &args[from][to][k], to);
            if (k % 8 == 0)
                thread_yield();
        }
    for (int i = 0; i < m; i++)
        if (mine[i])
            thread_join(mine[i]);
    __sync_fetch_and_add(&creators_done, 1);
}

KTEST(migration_stress_every_thread_runs_exactly_once)
{
    int n = cpu_count();
    memset((void *)runs, 0, sizeof runs);
    creators_done = 0;
    thread_t *c[8];
    for (int from = 0; from < n; from++)
        c[from] = BeginThread(creator, (void *)(long)from, from);
    for (int from = 0; from < n; from++) {
        KASSERT(c[from] != NULL);
        thread_join(c[from]);
    }
    KASSERT(creators_done == n);
    int total = 0;
    for (int f = 0; f < n; f++)
        for (int t = 0; t < n; t++)
            for (int k = 0; k < PER_PAIR; k++) {
                KASSERT(runs[f][t][k] == 1, "thread %d->%d #%d ran %d times", f, t, k, runs[f][t][k]);
                total++;
            }
    printk("  migration: %d threads across %d CPUs, each ran once\n", total, n);
}

/* A thread sleeping on another CPU: that CPU halts with its LAPIC timer armed and wakes in time. */
static volatile uint64_t remote_slept_ns;
static volatile int remote_cpu;
static void remote_sleeper(void *arg)
{
    uint64_t t0 = uptime_ns();
    thread_sleep((uint64_t)arg);
    remote_slept_ns = uptime_ns() - t0;
    remote_cpu = cpu_id();
}

KTEST(sleep_on_the_last_cpu_wakes_after_the_time)
{
    remote_slept_ns = 0;
    int last = cpu_count() - 1;
    thread_t *t = BeginThread(remote_sleeper, (void *)30L, last);
    KASSERT(t != NULL);
    thread_join(t);
    KASSERT(remote_cpu == last, "ran on CPU %d", remote_cpu);
    KASSERT(remote_slept_ns >= 30000000u, "slept %lu ns", remote_slept_ns);
}

KTEST(begin_thread_rejects_a_cpu_that_does_not_exist)
{
    KASSERT(BeginThread(bump, 0, cpu_count()) == NULL);
    KASSERT(BeginThread(bump, 0, -2) == NULL);
    counter = 0;
    thread_t *t = BeginThread(bump, (void *)5L, -1);     /* -1: the calling CPU */
    KASSERT(t != NULL);
    thread_join(t);
    KASSERT(counter == 5, "counter = %d", counter);
}
