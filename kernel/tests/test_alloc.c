/* Allocator tests: per-CPU heaps, stats, cross-CPU free, out-of-memory. */
#include <ktest.h>
#include "boot.h"        /* mm_free_bytes() */

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

static void *volatile remote_block;
static void alloc_remote(void *arg)
{
    (void)arg;
    remote_block = malloc(200);
}

KTEST(free_on_another_cpu)
{
    int other = cpu_count() > 1 ? 1 : 0;
    remote_block = 0;
    thread_t *t = BeginThread(alloc_remote, 0, other);
    KASSERT(t != NULL);
    thread_join(t);
    KASSERT(remote_block != NULL);
    struct heap_stats a, b;
    heap_stats(other, &a);
    free(remote_block);
    heap_stats(other, &b);
    KASSERT(b.frees == a.frees + 1, "owner CPU %d did not get the block back", other);
}

/* Exhaust memory with 4 MiB blocks: malloc must end with NULL (counted), every block must keep its
 * contents, and freeing them must give all of it back (one block of half that size fits again). */
#define BIG (4u << 20)
static uint64_t *big[1024];

KTEST(exhausting_memory_is_safe_and_free_gives_it_back)
{
    struct heap_stats a, b;
    size_t before = mm_free_bytes();
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
    KASSERT(mm_free_bytes() < BIG + 64 * 4096, "%lu bytes still free", mm_free_bytes());
    for (int i = 0; i < n; i++)
        KASSERT(big[i][0] == 0x5EED0000u + i && big[i][BIG / 8 - 1] == ~(0x5EED0000ull + i),
                "block %d overwritten", i);
    for (int i = 0; i < n; i++)
        free(big[i]);
    KASSERT(mm_free_bytes() == before, "%lu bytes free after, %lu before", mm_free_bytes(), before);
    void *half = malloc((size_t)BIG * (n / 2));     /* freed runs were merged again */
    KASSERT(half != NULL, "no %d MiB block after freeing", 4 * (n / 2));
    free(half);
}
