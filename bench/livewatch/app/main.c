/*
 * The multicore example's ping-pong (CPU 0 <-> the last CPU), long enough for a live-watch sampler at
 * 4 Hz to take many samples while it runs. Prints the rally rate for bench/livewatch.
 */
#include <ruedo.h>

#define ROUNDS 20000

static volatile int ball;              /* whose turn: 0 = ping, 1 = pong */
static volatile int rallies;

static void player(void *arg)
{
    int me = (int)(long)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (ball != me)
            thread_yield();
        if (me == 1)
            rallies++;
        ball = !me;
    }
}

int main(void)
{
    int other = cpu_count() - 1;
    uint64_t t0 = uptime_us();
    thread_t *ping = BeginThread(player, (void *)0L, 0);
    thread_t *pong = BeginThread(player, (void *)1L, other);
    thread_join(ping);
    thread_join(pong);
    uint64_t dt = uptime_us() - t0;
    printk("ping-pong CPU 0 <-> CPU %d: %d rallies in %lu us\n", other, rallies, dt);
    return rallies == ROUNDS ? 0 : 1;
}
