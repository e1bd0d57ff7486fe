/* phys.c — physical memory: usable RAM from the Multiboot memory map, handed out in 4 KiB frames.
 *
 * Per-CPU frame pools, as in Toro: every CPU allocates and frees frames in its own pool only, so no
 * lock is needed. At boot (phys_init) the boot CPU owns all of RAM; once every CPU is up,
 * phys_share() (kmain, before main runs; only CPU 0 is allocating then) gives each CPU an equal
 * share of the still-untouched memory. A CPU cannot use another CPU's share: memory that a CPU
 * frees for another owner goes back to that owner through mm/remote.c, never into a foreign pool.
 *
 * In a pool, fresh frames come from a bump pointer per region; freed runs (phys_free) go to an
 * address-sorted list, merged with their neighbours, and are reused first-fit before the bump
 * pointers move. Nothing here is shared between CPUs except the read-only `free` counters (aligned
 * 64-bit words, read by mm_free_bytes for reports). */
#include "arch.h"
#include "boot.h"
#include "mm.h"

#define MAX_REGIONS 16

struct region { uint64_t next, end; };
struct run { struct run *next; size_t frames; };   /* stored in the free run itself */
struct pool {
    struct region regions[MAX_REGIONS];
    int nregions;
    struct run *free_runs;                         /* sorted by address */
    volatile size_t free;                          /* bytes */
};
static struct pool pools[MAX_CPUS];

struct mb_mmap_entry { uint32_t size; uint64_t base, len; uint32_t type; } __attribute__((packed));

static void add_region(struct pool *p, uint64_t base, uint64_t end)
{
    if (end <= base || p->nregions == MAX_REGIONS)
        return;
    p->regions[p->nregions++] = (struct region){ base, end };
    p->free += end - base;
}

static void add_ram(uint64_t base, uint64_t end)
{
    extern char _kernel_end[];
    uint64_t kend = ((uint64_t)_kernel_end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    if (base < kend)
        base = kend;                               /* never hand out low memory or the image */
    if (end > 0x100000000ull)
        end = 0x100000000ull;                      /* only the identity-mapped first 4 GiB */
    base = (base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    end &= ~(uint64_t)(PAGE_SIZE - 1);
    add_region(&pools[0], base, end);
}

/* Boot CPU, before anything else allocates: all usable RAM goes to CPU 0's pool. */
void phys_init(uint32_t mbi)
{
    const uint32_t *info = (const uint32_t *)(uint64_t)mbi;
    uint32_t flags = info[0];
    if (flags & (1 << 6)) {                        /* mmap_length at +44, mmap_addr at +48 */
        uint64_t p = info[12], end = p + info[11];
        while (p < end) {
            const struct mb_mmap_entry *e = (const void *)p;
            if (e->type == 1)
                add_ram(e->base, e->base + e->len);
            p += e->size + 4;
        }
    } else if (flags & 1) {                        /* mem_upper (KiB above 1 MiB) at +8 */
        add_ram(0x100000, 0x100000 + (uint64_t)info[2] * 1024);
    }
    if (!pools[0].nregions)
        panic("no usable memory in the Multiboot information");
}

/* Boot time, CPU 0, the other CPUs idle and not allocating: moves (n-1)/n of CPU 0's untouched
 * (bump) memory to CPUs 1..n-1, taken from the top of RAM, an equal share each. The other CPUs see
 * their pools only after a later hand-over through an exchange slot (stores are ordered on x86). */
void phys_share(int n)
{
    struct pool *p0 = &pools[0];
    uint64_t bump = 0;
    for (int i = 0; i < p0->nregions; i++)
        bump += p0->regions[i].end - p0->regions[i].next;
    uint64_t share = bump / (uint64_t)n & ~(uint64_t)(PAGE_SIZE - 1);
    for (int c = n - 1; c >= 1; c--) {
        uint64_t need = share;
        for (int i = p0->nregions - 1; i >= 0 && need; i--) {
            struct region *r = &p0->regions[i];
            uint64_t take = r->end - r->next < need ? r->end - r->next : need;
            if (!take)
                continue;
            add_region(&pools[c], r->end - take, r->end);
            r->end -= take;
            p0->free -= take;
            need -= take;
        }
    }
}

/* Returns `n` contiguous zeroed frames from this CPU's pool, or NULL when it is exhausted. */
void *phys_alloc(size_t n)
{
    struct pool *p = &pools[cpu_id()];
    void *r = 0;
    for (struct run **pp = &p->free_runs; *pp && !r; pp = &(*pp)->next) {
        struct run *f = *pp;
        if (f->frames < n)
            continue;
        if (f->frames == n) {                      /* the whole run */
            *pp = f->next;
            r = f;
        } else {                                   /* keep the front, hand out the tail */
            f->frames -= n;
            r = (char *)f + f->frames * PAGE_SIZE;
        }
    }
    for (int i = 0; i < p->nregions && !r; i++) {
        if (p->regions[i].end - p->regions[i].next >= n * PAGE_SIZE) {
            r = (void *)p->regions[i].next;
            p->regions[i].next += n * PAGE_SIZE;
        }
    }
    if (r) {
        p->free -= n * PAGE_SIZE;
        memset(r, 0, n * PAGE_SIZE);
    }
    return r;
}

/* Gives back `n` frames starting at `p` (from phys_alloc on this CPU) to this CPU's pool. */
void phys_free(void *p, size_t n)
{
    if (!p || !n)
        return;
    struct pool *pl = &pools[cpu_id()];
    struct run *f = p;
    struct run **pp = &pl->free_runs;
    while (*pp && *pp < f)
        pp = &(*pp)->next;
    f->frames = n;
    f->next = *pp;
    *pp = f;
    if (f->next && (char *)f + f->frames * PAGE_SIZE == (char *)f->next) {   /* merge with the next */
        f->frames += f->next->frames;
        f->next = f->next->next;
    }
    if (pp != &pl->free_runs) {                                              /* and the previous */
        struct run *prev = (struct run *)((char *)pp - offsetof(struct run, next));
        if ((char *)prev + prev->frames * PAGE_SIZE == (char *)f) {
            prev->frames += f->frames;
            prev->next = f->next;
        }
    }
    pl->free += n * PAGE_SIZE;
}

/* Free bytes in one CPU's pool (a single aligned load; exact when read by the owner). */
size_t phys_free_bytes(int cpu)
{
    return cpu >= 0 && cpu < MAX_CPUS ? pools[cpu].free : 0;
}

/* Free bytes in every pool (for reports; the other CPUs' counts may be moving). */
size_t mm_free_bytes(void)
{
    size_t sum = 0;
    for (int c = 0; c < MAX_CPUS; c++)
        sum += pools[c].free;
    return sum;
}
