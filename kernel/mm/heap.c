/*
 * heap.c — per-CPU heaps behind malloc/free.
 *
 * Each CPU allocates from its own heap (size classes 16..2048 bytes on free lists, carved from
 * 256 KiB chunks; larger blocks straight from frames, given back to the frame pool on free), and
 * the frames come from its own pool (phys.c). Every block has a header naming its owner CPU.
 * No lock: a heap's lists and counters are only ever changed by its own CPU. free() of a block
 * owned by another CPU does not touch that heap; it queues the block for its owner (mm/remote.c),
 * which frees it locally at its next scheduling point after the freeing CPU handed it over. Until
 * then the owner's stats still count the block as in use.
 * Interrupts cannot re-enter malloc: they are only enabled inside the scheduler's halt, and the
 * wake handler only acknowledges them.
 * Stats are read from any CPU (heap_stats) under a single-writer sequence counter, see below.
 * Out of memory: malloc returns NULL, counts a failure and says so on the console.
 * Misuse is caught at the culprit: every block keeps its header while free (FREED) or travelling back
 * to its owner (QUEUED, set by the freeing CPU before it queues the block), so a second free() of it,
 * from any CPU, is a crash report at that free() naming the block, not a corrupt list later.
 */
#include "arch.h"
#include "mm.h"

#define NCLASSES  8                 /* 16, 32, ..., 2048 */
#define CHUNK     (64 * PAGE_SIZE)  /* refill unit for small classes */
#define MAGIC     0x52554544u       /* "RUED": a block in use */
#define FREED     0x46524545u       /* "FREE": on a free list (the link sits after the header) */
#define QUEUED    0x51554555u       /* "QUEU": freed on another CPU, on its way back to the owner */

struct header {
    uint32_t magic;
    uint16_t cpu;
    int16_t cls;                    /* size class, -1 = large */
    uint64_t size;                  /* usable bytes */
};

struct heap {
    void *free_list[NCLASSES];
    volatile uint64_t seq;          /* odd while the owner updates st */
    struct heap_stats st;
};
static struct heap heaps[MAX_CPUS];

/*
 * Stats: only the owner writes them, between two increments of `seq` (odd = update in progress).
 * A reader on another CPU copies them and retries if `seq` was odd or changed meanwhile. On x86-TSO
 * the owner's three groups of stores (seq odd, fields, seq even) become visible in that order and the
 * reader's loads (seq, fields, seq) happen in order, so an unchanged even `seq` means the copy saw
 * exactly one finished update. Only compiler barriers are needed.
 */
static void st_begin(struct heap *h) { h->seq++; barrier(); }
static void st_end(struct heap *h) { barrier(); h->seq++; }

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
        struct header *b = (struct header *)(chunk + off);
        b->magic = FREED;
        *(void **)(b + 1) = h->free_list[c];
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
    st_begin(h);
    if (n <= 2048) {
        int c = class_of(n);
        if (h->free_list[c] || refill(h, c)) {
            hd = h->free_list[c];
            h->free_list[c] = *(void **)(hd + 1);
            *hd = (struct header){ MAGIC, (uint16_t)cpu, (int16_t)c, (uint64_t)16 << c };
        }
    } else if (n < (1ull << 40)) {
        size_t frames = (n + sizeof *hd + PAGE_SIZE - 1) / PAGE_SIZE;
        hd = phys_alloc(frames);
        if (hd) {
            *hd = (struct header){ MAGIC, (uint16_t)cpu, -1, frames * PAGE_SIZE - sizeof *hd };
            h->st.bytes_free += frames * PAGE_SIZE;
        }
    }
    if (!hd) {
        h->st.failures++;
        st_end(h);
        printk("malloc: out of memory (%lu bytes requested on CPU %d)\n", (uint64_t)n, cpu);
        return 0;
    }
    h->st.allocations++;
    h->st.bytes_in_use += hd->size;
    h->st.bytes_free -= hd->size + sizeof *hd > h->st.bytes_free ? h->st.bytes_free : hd->size + sizeof *hd;
    st_end(h);
    return hd + 1;
}

void *calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size) {     /* n * size does not fit: a failed allocation */
        struct heap *h = &heaps[cpu_id()];
        st_begin(h);
        h->st.failures++;
        st_end(h);
        printk("calloc: %lu x %lu bytes overflows (CPU %d)\n", (uint64_t)n, (uint64_t)size, cpu_id());
        return 0;
    }
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* The header of the block free() was given, from the free() whose frame is `frame`: a crash report
 * naming free()'s caller if the block is not in use. */
static struct header *header_of(void *p, const void *frame)
{
    struct header *hd = (struct header *)p - 1;
    if ((uint64_t)p & 15)
        panic_caller(frame, "free(%p): not a heap block (misaligned pointer)", p);
    if (hd->magic == FREED || hd->magic == QUEUED)
        panic_caller(frame, "free(%p): double free (the block of %lu bytes from CPU %u's heap is already free%s)",
                     p, hd->size, hd->cpu, hd->magic == QUEUED ? ", on its way back to its CPU" : "");
    if (hd->magic != MAGIC || hd->cpu >= cpu_count())
        panic_caller(frame, "free(%p): not a block in use (bad header: not from malloc, or a large block "
                     "freed before)", p);
    return hd;
}

static void free_block(struct header *hd);

/* Frees a block this CPU owns that another CPU freed (header QUEUED): called by mm/remote.c. */
void heap_free_local(void *p)
{
    struct header *hd = (struct header *)p - 1;
    if (hd->magic != QUEUED)
        panic("heap: block %p came back from another CPU with a bad header (0x%x)", p, hd->magic);
    free_block(hd);
}

/* Puts a block of this CPU's heap on its lists (or its frames back into this CPU's pool). */
static void free_block(struct header *hd)
{
    struct heap *h = &heaps[hd->cpu];
    st_begin(h);
    hd->magic = FREED;
    h->st.frees++;
    h->st.bytes_in_use -= hd->size;
    h->st.bytes_free += hd->size + sizeof *hd;
    int cls = hd->cls;
    size_t large_frames;
    if (cls >= 0) {                  /* the header stays (FREED), the link goes after it */
        *(void **)(hd + 1) = h->free_list[cls];
        h->free_list[cls] = hd;
    } else {                         /* large: the frames go back to the frame pool */
        large_frames = (hd->size + sizeof *hd) / PAGE_SIZE;
        h->st.bytes_free -= large_frames * PAGE_SIZE;
        phys_free(hd, large_frames);     /* inside the update: a reader that sees the free sees this */
    }
    st_end(h);
}

void free(void *p)
{
    if (!p)
        return;
    struct header *hd = header_of(p, __builtin_frame_address(0));
    if (hd->cpu == cpu_id()) {
        free_block(hd);
    } else {                         /* the owner frees it when it drains its slots (remote.c) */
        hd->magic = QUEUED;          /* a second free, from any CPU, is caught at once */
        remote_free(hd->cpu, p, REMOTE_HEAP);
    }
}

void heap_stats(int cpu, struct heap_stats *out)
{
    if (cpu < 0 || cpu >= MAX_CPUS) {
        memset(out, 0, sizeof *out);
        return;
    }
    struct heap *h = &heaps[cpu];
    uint64_t s0, s1;
    do {
        s0 = h->seq;
        barrier();
        *out = h->st;
        barrier();
        s1 = h->seq;
    } while ((s0 & 1) || s0 != s1);
}
