/* Allocator tests: per-CPU heaps, stats, cross-CPU free, out-of-memory. */
#include <ktest.h>

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
