/* Allocator tests: per-CPU heaps, stats, cross-CPU free, out-of-memory. */
#include <ktest.h>
#include "boot.h"        /* mm_free_bytes() */
#include "mm.h"          /* phys_free_bytes(), stack_pool_free() */

KTEST(malloc_returns_distinct_writable_blocks)
{
    char *p[64];
    for (int i = 0; i < 64; i++) {
        p[i] = malloc(24 + i * 40);
        KASSERT(p[i] != NULL, "allocation %d", i);
        memset(p[i], i, 24 + i * 40);
    }
    for (int i = 0; i < 64; i++) {
        for (int j = 0; j < 24 + i * 40; j++)
            KASSERT((unsigned char)p[i][j] == i, "block %d byte %d overwritten", i, j);
        free(p[i]);
    }
}

KTEST(heap_stats_track_allocations)
{
    struct heap_stats a, b, c;
    heap_stats(cpu_id(), &a);
    void *p = malloc(100);
    void *q = malloc(10000);
    heap_stats(cpu_id(), &b);
    KASSERT(p && q);
    KASSERT(b.allocations == a.allocations + 2, "%lu -> %lu", a.allocations, b.allocations);
    KASSERT(b.bytes_in_use >= a.bytes_in_use + 10100);
    free(p);
    free(q);
    heap_stats(cpu_id(), &c);
    KASSERT(c.frees == a.frees + 2);
    KASSERT(c.bytes_in_use == a.bytes_in_use, "in use %lu != %lu", c.bytes_in_use, a.bytes_in_use);
}

KTEST(freed_small_blocks_are_reused)
{
    void *p = malloc(48);
    free(p);
    void *q = malloc(48);
    KASSERT(p == q, "%p != %p", p, q);
    free(q);
}

KTEST(out_of_memory_returns_null_and_is_counted)
{
    struct heap_stats a, b;
    heap_stats(cpu_id(), &a);
    void *p = malloc((size_t)64 << 30);          /* 64 GiB: more than any test VM has */
    heap_stats(cpu_id(), &b);
    KASSERT(p == NULL);
    KASSERT(b.failures == a.failures + 1);
    void *q = malloc(64);                        /* the heap still works */
    KASSERT(q != NULL);
    free(q);
}

/* Waits (sleeping 1 ms at a time: each sleep is a scheduling point that hands this CPU's frees over)
 * until CPU `owner` has counted `frees` frees, or 2 s passed. Returns its stats. */
static struct heap_stats wait_for_frees(int owner, size_t frees)
{
    struct heap_stats st;
    uint64_t t0 = uptime_ms();
    heap_stats(owner, &st);
    while (st.frees < frees && uptime_ms() - t0 < 2000) {
        thread_sleep(1);
        heap_stats(owner, &st);
    }
    return st;
}

static void *volatile remote_block;
static void alloc_remote(void *arg) { remote_block = malloc((size_t)arg); }

static void *malloc_on(int cpu, size_t n)
{
    remote_block = 0;
    thread_t *t = BeginThread(alloc_remote, (void *)n, cpu);
    if (t)
        thread_join(t);
    return remote_block;
}

/* A block freed on CPU 0 but owned by CPU 1 is not put in CPU 0's heap nor touched in CPU 1's: it
 * goes back through the return slot, and CPU 1's stats show it free only after CPU 0 handed it over
 * at a scheduling point and CPU 1 drained it at one of its own. CPU 1 then reuses the very block. */
KTEST(free_on_another_cpu_returns_the_block_to_its_owner)
{
    int me = cpu_id(), other = cpu_count() > 1 ? 1 : 0;
    void *p = malloc_on(other, 200);                  /* class 256 */
    KASSERT(p != NULL);
    struct heap_stats a, b, ma, mb;
    heap_stats(other, &a);
    heap_stats(me, &ma);
    free(p);
    heap_stats(other, &b);
    heap_stats(me, &mb);
    if (other != me) {
        KASSERT(mb.frees == ma.frees && mb.bytes_in_use == ma.bytes_in_use, "counted on the freeing CPU");
        KASSERT(b.frees == a.frees && b.bytes_in_use == a.bytes_in_use,
                "owner CPU %d had the block back before any scheduling point", other);
        b = wait_for_frees(other, a.frees + 1);
    }
    KASSERT(b.frees == a.frees + 1, "owner CPU %d did not get the block back (%lu -> %lu frees)", other,
            a.frees, b.frees);
    KASSERT(b.bytes_in_use == a.bytes_in_use - 256, "in use %lu -> %lu", a.bytes_in_use, b.bytes_in_use);
    KASSERT(b.bytes_free == a.bytes_free + 256 + 16, "free %lu -> %lu", a.bytes_free, b.bytes_free);
    void *q = malloc_on(other, 200);
    KASSERT(q == p, "owner CPU %d did not reuse the returned block (%p, then %p)", other, p, q);
    heap_stats(other, &a);
    free(q);
    b = wait_for_frees(other, a.frees + 1);
    KASSERT(b.frees == a.frees + 1);
}

/* A large block (whole frames) freed on another CPU goes back to its owner's frame pool. */
KTEST(large_block_freed_on_another_cpu_returns_its_frames_to_the_owner)
{
    int other = cpu_count() > 1 ? cpu_count() - 1 : 0;
    size_t before = phys_free_bytes(other);
    void *p = malloc_on(other, 100000);
    KASSERT(p != NULL);
    KASSERT(phys_free_bytes(other) <= before - 100000, "%lu -> %lu", before, phys_free_bytes(other));
    struct heap_stats a, b;
    heap_stats(other, &a);
    free(p);
    b = wait_for_frees(other, a.frees + 1);
    KASSERT(b.frees == a.frees + 1);
    KASSERT(phys_free_bytes(other) == before, "CPU %d's pool: %lu free, %lu before", other,
            phys_free_bytes(other), before);
}

/* A thread created by CPU 1 for CPU 0, run and joined on CPU 0: its structure and stack go back to
 * CPU 1's heap and stack pool. */
static thread_t *volatile inner;
static volatile int inner_ran_on = -1;
static void note_cpu(void *arg) { (void)arg; inner_ran_on = cpu_id(); }
static void make_inner(void *arg) { inner = BeginThread(note_cpu, 0, (int)(long)arg); }

KTEST(thread_joined_on_another_cpu_gives_struct_and_stack_back_to_its_creator)
{
    int me = cpu_id(), creator = cpu_count() > 1 ? 1 : 0;
    inner = 0;
    thread_t *c = BeginThread(make_inner, (void *)(long)me, creator);
    KASSERT(c != NULL);
    thread_join(c);
    KASSERT(inner != NULL);
    size_t stacks = stack_pool_free(creator);
    struct heap_stats a, b;
    heap_stats(creator, &a);
    thread_join(inner);                                /* frees on this CPU what CPU 1 allocated */
    KASSERT(inner_ran_on == me, "ran on CPU %d", inner_ran_on);
    b = wait_for_frees(creator, a.frees + 1);
    for (uint64_t t0 = uptime_ms(); stack_pool_free(creator) == stacks && uptime_ms() - t0 < 2000;)
        thread_sleep(1);
    KASSERT(b.frees == a.frees + 1, "creator's heap: %lu -> %lu frees", a.frees, b.frees);
    KASSERT(b.bytes_in_use < a.bytes_in_use, "creator's heap: %lu -> %lu in use", a.bytes_in_use, b.bytes_in_use);
    KASSERT(stack_pool_free(creator) == stacks + 1, "creator's stack pool: %lu -> %lu", stacks,
            stack_pool_free(creator));
}

/* Exhaust this CPU's memory with 4 MiB blocks: malloc must end with NULL (counted), every block must
 * keep its contents, the other CPUs' shares stay untouched, and freeing the blocks must give all of
 * it back (one block of half that size fits again). */
#define BIG (4u << 20)
static uint64_t *big[1024];

KTEST(exhausting_memory_is_safe_and_free_gives_it_back)
{
    struct heap_stats a, b;
    int me = cpu_id();
    size_t before = phys_free_bytes(me), others = mm_free_bytes() - before;
    heap_stats(cpu_id(), &a);
    int n = 0;
    while (n < 1024 && (big[n] = malloc(BIG)) != NULL) {
        big[n][0] = 0x5EED0000u + n;
        big[n][BIG / 8 - 1] = ~(0x5EED0000ull + n);
        n++;
    }
    heap_stats(cpu_id(), &b);
    KASSERT(n > 0 && n < 1024, "%d blocks of 4 MiB", n);
    KASSERT(b.failures == a.failures + 1, "failures %lu -> %lu", a.failures, b.failures);
    KASSERT(phys_free_bytes(me) < BIG + 64 * 4096, "%lu bytes still free", phys_free_bytes(me));
    KASSERT(mm_free_bytes() - phys_free_bytes(me) == others, "other CPUs: %lu bytes free, %lu before",
            mm_free_bytes() - phys_free_bytes(me), others);
    for (int i = 0; i < n; i++)
        KASSERT(big[i][0] == 0x5EED0000u + i && big[i][BIG / 8 - 1] == ~(0x5EED0000ull + i),
                "block %d overwritten", i);
    for (int i = 0; i < n; i++)
        free(big[i]);
    KASSERT(phys_free_bytes(me) == before, "%lu bytes free after, %lu before", phys_free_bytes(me), before);
    void *half = malloc((size_t)BIG * (n / 2));     /* freed runs were merged again */
    KASSERT(half != NULL, "no %d MiB block after freeing", 4 * (n / 2));
    free(half);
}
