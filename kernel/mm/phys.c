/* phys.c — physical memory: usable RAM from the Multiboot memory map, handed out in 4 KiB frames.
 * Fresh frames come from a bump pointer per region; freed runs (phys_free) go to an address-sorted
 * list, merged with their neighbours, and are reused first-fit before the bump pointers move. */
#include "kernel.h"
#include "boot.h"
#include "mm.h"

#define MAX_REGIONS 16

struct region { uint64_t next, end; };
static struct region regions[MAX_REGIONS];
static int nregions;
static volatile int phys_lock;
static size_t total_free;

struct run { struct run *next; size_t frames; };   /* stored in the free run itself */
static struct run *free_runs;                      /* sorted by address */

struct mb_mmap_entry { uint32_t size; uint64_t base, len; uint32_t type; } __attribute__((packed));

static void add_region(uint64_t base, uint64_t end)
{
    extern char _kernel_end[];
    uint64_t kend = ((uint64_t)_kernel_end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    if (base < kend)
        base = kend;                               /* never hand out low memory or the image */
    if (end > 0x100000000ull)
        end = 0x100000000ull;                      /* only the identity-mapped first 4 GiB */
    base = (base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    end &= ~(uint64_t)(PAGE_SIZE - 1);
    if (end <= base || nregions == MAX_REGIONS)
        return;
    regions[nregions++] = (struct region){ base, end };
    total_free += end - base;
}

void phys_init(uint32_t mbi)
{
    const uint32_t *info = (const uint32_t *)(uint64_t)mbi;
    uint32_t flags = info[0];
    if (flags & (1 << 6)) {                        /* mmap_length at +44, mmap_addr at +48 */
        uint64_t p = info[12], end = p + info[11];
        while (p < end) {
            const struct mb_mmap_entry *e = (const void *)p;
            if (e->type == 1)
                add_region(e->base, e->base + e->len);
            p += e->size + 4;
        }
    } else if (flags & 1) {                        /* mem_upper (KiB above 1 MiB) at +8 */
        add_region(0x100000, 0x100000 + (uint64_t)info[2] * 1024);
    }
    if (!nregions)
        panic("no usable memory in the Multiboot information");
}

/* Returns `n` contiguous zeroed frames, or NULL when memory is exhausted. */
void *phys_alloc(size_t n)
{
    void *r = 0;
    while (__sync_lock_test_and_set(&phys_lock, 1))
        __asm__ volatile("pause");
    for (struct run **pp = &free_runs; *pp && !r; pp = &(*pp)->next) {
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
        total_free -= n * PAGE_SIZE;
    }
    for (int i = 0; i < nregions && !r; i++) {
        if (regions[i].end - regions[i].next >= n * PAGE_SIZE) {
            r = (void *)regions[i].next;
            regions[i].next += n * PAGE_SIZE;
            total_free -= n * PAGE_SIZE;
        }
    }
    __sync_lock_release(&phys_lock);
    if (r)
        memset(r, 0, n * PAGE_SIZE);
    return r;
}

/* Gives back `n` frames starting at `p` (from phys_alloc). */
void phys_free(void *p, size_t n)
{
    if (!p || !n)
        return;
    struct run *f = p;
    while (__sync_lock_test_and_set(&phys_lock, 1))
        __asm__ volatile("pause");
    struct run **pp = &free_runs;
    while (*pp && *pp < f)
        pp = &(*pp)->next;
    f->frames = n;
    f->next = *pp;
    *pp = f;
    if (f->next && (char *)f + f->frames * PAGE_SIZE == (char *)f->next) {   /* merge with the next */
        f->frames += f->next->frames;
        f->next = f->next->next;
    }
    if (pp != &free_runs) {                                                  /* and the previous */
        struct run *prev = (struct run *)((char *)pp - offsetof(struct run, next));
        if ((char *)prev + prev->frames * PAGE_SIZE == (char *)f) {
            prev->frames += f->frames;
            prev->next = f->next;
        }
    }
    total_free += n * PAGE_SIZE;
    __sync_lock_release(&phys_lock);
}

size_t mm_free_bytes(void)
{
    return total_free;
}
