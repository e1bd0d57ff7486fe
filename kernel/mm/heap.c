/*
 * heap.c — per-CPU heaps behind malloc/free.
 *
 * Each CPU allocates from its own heap (size classes 16..2048 bytes on free lists, carved from
 * 256 KiB chunks; larger blocks straight from frames, given back to the frame allocator on free). Every block has a header naming its owner CPU, so free() from any CPU
 * returns the block to its owner's lists; each heap has its own (normally uncontended) spinlock.
 * Out of memory: malloc returns NULL, counts a failure and says so on the console.
 */
#include "kernel.h"
#include "mm.h"

#define NCLASSES  8                 /* 16, 32, ..., 2048 */
#define CHUNK     (64 * PAGE_SIZE)  /* refill unit for small classes */
#define MAGIC     0x52554544u       /* "RUED" */

struct header {
    uint32_t magic;
    uint16_t cpu;
    int16_t cls;                    /* size class, -1 = large */
    uint64_t size;                  /* usable bytes */
};

struct heap {
    volatile int lock;
    void *free_list[NCLASSES];
    struct heap_stats st;
};
static struct heap heaps[MAX_CPUS];

static void lock(struct heap *h)
{
    while (__sync_lock_test_and_set(&h->lock, 1))
        __asm__ volatile("pause");
}
static void unlock(struct heap *h) { __sync_lock_release(&h->lock); }

void heap_init_cpu(int cpu)
{
    memset(&heaps[cpu], 0, sizeof heaps[cpu]);
}

static int class_of(size_t n)
{
    int c = 0;
    for (size_t s = 16; s < n; s <<= 1)
        c++;
    return c;
}

static int refill(struct heap *h, int c)
{
    size_t bsize = sizeof(struct header) + ((size_t)16 << c);
    char *chunk = phys_alloc(CHUNK / PAGE_SIZE);
    if (!chunk)
        return 0;
    h->st.bytes_free += CHUNK;
    for (size_t off = 0; off + bsize <= CHUNK; off += bsize) {
        void **b = (void **)(chunk + off);
        *b = h->free_list[c];
        h->free_list[c] = b;
    }
    return 1;
}

void *malloc(size_t n)
{
    int cpu = cpu_id();
    struct heap *h = &heaps[cpu];
    struct header *hd = 0;
    if (n == 0)
        n = 1;
    lock(h);
    if (n <= 2048) {
        int c = class_of(n);
        if (h->free_list[c] || refill(h, c)) {
            hd = h->free_list[c];
            h->free_list[c] = *(void **)hd;
            *hd = (struct header){ MAGIC, (uint16_t)cpu, (int16_t)c, (uint64_t)16 << c };
        }
    } else if (n < (1ull << 40)) {
        size_t frames = (n + sizeof *hd + PAGE_SIZE - 1) / PAGE_SIZE;
        unlock(h);                   /* phys_alloc zeroes the block: not under the heap lock */
        hd = phys_alloc(frames);
        lock(h);
        if (hd) {
            *hd = (struct header){ MAGIC, (uint16_t)cpu, -1, frames * PAGE_SIZE - sizeof *hd };
            h->st.bytes_free += frames * PAGE_SIZE;
        }
    }
    if (!hd) {
        h->st.failures++;
        unlock(h);
        printk("malloc: out of memory (%lu bytes requested on CPU %d)\n", (uint64_t)n, cpu);
        return 0;
    }
    h->st.allocations++;
    h->st.bytes_in_use += hd->size;
    h->st.bytes_free -= hd->size + sizeof *hd > h->st.bytes_free ? h->st.bytes_free : hd->size + sizeof *hd;
    unlock(h);
    return hd + 1;
}

void *calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size)
        return 0;
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void free(void *p)
{
    if (!p)
        return;
    struct header *hd = (struct header *)p - 1;
    if (hd->magic != MAGIC || hd->cpu >= MAX_CPUS)
        panic("free(%p): not a heap block (bad header)", p);
    struct heap *h = &heaps[hd->cpu];
    lock(h);
    hd->magic = 0;
    h->st.frees++;
    h->st.bytes_in_use -= hd->size;
    h->st.bytes_free += hd->size + sizeof *hd;
    int cls = hd->cls;
    size_t large_frames = 0;
    if (cls >= 0) {                  /* the link overwrites the header: read it first */
        *(void **)hd = h->free_list[cls];
        h->free_list[cls] = hd;
    } else {                         /* large: the frames go back to the frame allocator */
        large_frames = (hd->size + sizeof *hd) / PAGE_SIZE;
        h->st.bytes_free -= large_frames * PAGE_SIZE;
    }
    unlock(h);
    if (large_frames)
        phys_free(hd, large_frames);
}

void heap_stats(int cpu, struct heap_stats *out)
{
    if (cpu < 0 || cpu >= MAX_CPUS) {
        memset(out, 0, sizeof *out);
        return;
    }
    struct heap *h = &heaps[cpu];
    lock(h);
    *out = h->st;
    unlock(h);
}
