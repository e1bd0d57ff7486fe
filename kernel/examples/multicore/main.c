/*
 * multicore — one thread per CPU, each saying where it runs; then a ping-pong between CPU 0 and the
 * last CPU: each side waits for the ball, hits it back and yields, and we count the rounds and the
 * context switches each CPU made.
 */
#include <ruedo.h>

#define ROUNDS 1000

static void hello_from(void *arg)
{
    printk("thread %d says hello from CPU %d (asked for CPU %ld)\n", thread_id(), cpu_id(), (long)arg);
}

static volatile int ball;              /* whose turn: 0 = ping, 1 = pong */
static volatile int rallies;

static void player(void *arg)
{
    int me = (int)(long)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (ball != me)
            thread_yield();            /* a scheduling point: lets this CPU run its other threads */
        if (me == 1)
            rallies++;
        ball = !me;
    }
}

int main(void)
{
    int n = cpu_count();
    thread_t *t[8];
    for (int cpu = 0; cpu < n; cpu++)
        t[cpu] = BeginThread(hello_from, (void *)(long)cpu, cpu);
    for (int cpu = 0; cpu < n; cpu++)
        thread_join(t[cpu]);

    int other = n - 1;
    uint64_t before[8];
    for (int cpu = 0; cpu < n; cpu++)
        before[cpu] = cpu_switches(cpu);
    uint64_t t0 = uptime_us();
    thread_t *ping = BeginThread(player, (void *)0L, 0);
    thread_t *pong = BeginThread(player, (void *)1L, other);
    thread_join(ping);
    thread_join(pong);
    uint64_t dt = uptime_us() - t0;
    printk("ping-pong CPU 0 <-> CPU %d: %d rallies in %lu us\n", other, rallies, dt);
    for (int cpu = 0; cpu < n; cpu++)
        printk("  CPU %d: %lu context switches\n", cpu, cpu_switches(cpu) - before[cpu]);
    return rallies == ROUNDS ? 0 : 1;
}
