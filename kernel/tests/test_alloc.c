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
    KNEED_CPUS(2);
    int me = cpu_id(), other = 1;
    void *p = malloc_on(other, 200);                  /* class 256 */
    KASSERT(p != NULL);
    struct heap_stats a, b, ma, mb;
    heap_stats(other, &a);
    heap_stats(me, &ma);
    free(p);
    heap_stats(other, &b);
    heap_stats(me, &mb);
    KASSERT(mb.frees == ma.frees && mb.bytes_in_use == ma.bytes_in_use, "counted on the freeing CPU");
    KASSERT(b.frees == a.frees && b.bytes_in_use == a.bytes_in_use,
            "owner CPU %d had the block back before any scheduling point", other);
    b = wait_for_frees(other, a.frees + 1);
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
    KNEED_CPUS(2);
    int other = cpu_count() - 1;
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
    KNEED_CPUS(2);
    int me = cpu_id(), creator = 1;
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

/* Exhaust this CPU's memory with 4 MiB blocks, then 64 KiB ones (whatever earlier cases left
 * fragmented): malloc must end with NULL (counted), every block must
 * keep its contents, the other CPUs' shares stay untouched, and freeing the blocks must give all of
 * it back (one block of half that size fits again). */
#define BIG (4u << 20)
#define SMALL (64u << 10)
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
    int n4 = n;                                  /* then 64 KiB blocks: what fragments are left */
    while (n < 1024 && (big[n] = malloc(SMALL)) != NULL) {
        big[n][0] = 0x5EED0000u + n;
        big[n][SMALL / 8 - 1] = ~(0x5EED0000ull + n);
        n++;
    }
    heap_stats(cpu_id(), &b);
    KASSERT(n4 > 0 && n < 1024, "%d blocks of 4 MiB, %d of 64 KiB", n4, n - n4);
    KASSERT(b.failures == a.failures + 2, "failures %lu -> %lu", a.failures, b.failures);
    KASSERT(phys_free_bytes(me) < SMALL + 64 * 4096, "%lu bytes still free", phys_free_bytes(me));
    KASSERT(mm_free_bytes() - phys_free_bytes(me) == others, "other CPUs: %lu bytes free, %lu before",
            mm_free_bytes() - phys_free_bytes(me), others);
    for (int i = 0; i < n; i++)
        KASSERT(big[i][0] == 0x5EED0000u + i && big[i][(i < n4 ? BIG : SMALL) / 8 - 1] == ~(0x5EED0000ull + i),
                "block %d overwritten", i);
    for (int i = 0; i < n; i++)
        free(big[i]);
    KASSERT(phys_free_bytes(me) == before, "%lu bytes free after, %lu before", phys_free_bytes(me), before);
    void *half = malloc((size_t)BIG * (n4 / 2));    /* freed runs were merged again */
    KASSERT(half != NULL, "no %d MiB block after freeing", 4 * (n4 / 2));
    free(half);
}

/* Size classes: every size from 0 to 2 KiB (and the first large ones) gives a 16-byte aligned block
 * of at least that size (header_size = 16) whose neighbours are untouched; 0 bytes is a valid,
 * distinct, freeable block. The usable size is read from the stats (bytes_in_use grows by it). */
KTEST(malloc_sizes_classes_and_alignment)
{
    static const size_t sizes[] = { 0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256,
                                    257, 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4079, 4080,
                                    4081, 4096, 8191, 65536, 1000000 };
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t n = sizes[i];
        struct heap_stats a, b;
        heap_stats(cpu_id(), &a);
        unsigned char *p = malloc(n), *q = malloc(n);
        heap_stats(cpu_id(), &b);
        KASSERT(p && q && p != q, "malloc(%lu) gave %p and %p", n, p, q);
        KASSERT(((uint64_t)p & 15) == 0 && ((uint64_t)q & 15) == 0, "malloc(%lu): %p, %p not 16-aligned", n, p, q);
        size_t usable = (b.bytes_in_use - a.bytes_in_use) / 2;
        size_t want = n <= 16 ? 16 : n;
        if (n <= 2048) {                             /* the next power of two from 16 */
            size_t cls = 16;
            while (cls < n)
                cls <<= 1;
            want = cls;
            KASSERT(usable == cls, "malloc(%lu): %lu usable bytes, want the %lu-byte class", n, usable, cls);
        } else {                                     /* whole frames, less the 16-byte header */
            want = (n + 16 + 4095) / 4096 * 4096 - 16;
            KASSERT(usable == want, "malloc(%lu): %lu usable bytes, want %lu", n, usable, want);
        }
        memset(p, 0xA5, want);
        memset(q, 0x5A, want);
        for (size_t j = 0; j < want; j++)
            KASSERT(p[j] == 0xA5, "malloc(%lu): byte %lu of the first block overwritten", n, j);
        free(p);
        free(q);
    }
}

KTEST(calloc_zeroes_and_overflow_is_a_counted_failure)
{
    struct heap_stats a, b;
    unsigned char *p = malloc(512);
    KASSERT(p != NULL);
    memset(p, 0xFF, 512);
    free(p);
    unsigned char *z = calloc(32, 16);               /* reuses the dirty block of the same class */
    KASSERT(z != NULL);
    for (int i = 0; i < 512; i++)
        KASSERT(z[i] == 0, "calloc byte %d = 0x%x", i, z[i]);
    free(z);
    heap_stats(cpu_id(), &a);
    KASSERT(calloc((size_t)1 << 33, (size_t)1 << 33) == NULL);      /* 2^66 bytes */
    KASSERT(calloc(SIZE_MAX, 2) == NULL);
    heap_stats(cpu_id(), &b);
    KASSERT(b.failures == a.failures + 2, "failures %lu -> %lu", a.failures, b.failures);
    KASSERT(b.allocations == a.allocations && b.bytes_in_use == a.bytes_in_use);
}

KTEST(malloc_of_an_impossible_size_is_a_counted_failure)
{
    struct heap_stats a, b;
    heap_stats(cpu_id(), &a);
    KASSERT(malloc(SIZE_MAX) == NULL);
    KASSERT(malloc(SIZE_MAX - 15) == NULL);          /* would wrap when the header is added */
    KASSERT(malloc((size_t)1 << 40) == NULL);
    heap_stats(cpu_id(), &b);
    KASSERT(b.failures == a.failures + 3, "failures %lu -> %lu", a.failures, b.failures);
    free(NULL);                                      /* allowed, does nothing */
}
