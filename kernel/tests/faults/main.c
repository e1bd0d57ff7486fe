/*
 * faults — one image, many deliberate crashes: each run picks one case by name from the kernel
 * command line (`ruedo run kernel/tests/faults --cpus N -- -append CASE`), and run.sh checks that the
 * run ends in a crash report (exit 100) saying the right thing. The few cases that are not bugs
 * (an endless sleep, a 100 KB printk) end with exit code 42 after checking what they must.
 * Lines the report must name carry a `FAULT-LINE <case>` marker that run.sh looks up.
 */
#include <ruedo.h>

#define CHECKED 42                        /* exit code of the non-crashing cases that passed */

/* ---- stack overflow: recursion with frames of a given size, in main or in a thread ---- */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
#define RECURSE(size)                                                                   \
    __attribute__((noinline)) static unsigned long recurse_##size(unsigned long depth)  \
    {                                                                                   \
        volatile char frame[size];                                                      \
        frame[0] = (char)depth;                                                         \
        frame[size - 1] = (char)depth;                                                  \
        return recurse_##size(depth + 1) + frame[0];                                    \
    }
RECURSE(200)
RECURSE(3000)
RECURSE(4096)
RECURSE(5000)
RECURSE(12288)
RECURSE(40000)
RECURSE(70000)

static unsigned long (*const recursers[])(unsigned long) = {
    recurse_200, recurse_3000, recurse_4096, recurse_5000, recurse_12288, recurse_40000, recurse_70000,
};
static const int sizes[] = { 200, 3000, 4096, 5000, 12288, 40000, 70000 };

static int frame_index(const char *arg)
{
    int n = 0;
    while (*arg >= '0' && *arg <= '9')
        n = n * 10 + (*arg++ - '0');
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (sizes[i] == n)
            return (int)i;
    printk("faults: no recursion with %d-byte frames\n", n);
    exit(3);
}

static void overflow_thread(void *arg)
{
    recursers[(long)arg](0);
}

/* ---- a fault with almost no stack left ---- */
static volatile int *volatile null_int;
__attribute__((noinline)) static void descend_and_fault(uint64_t bottom, int ud)
{
    volatile char pad[48];
    pad[0] = 1;
    uint64_t here = (uint64_t)__builtin_frame_address(0);
    if (here - bottom > 900) {
        descend_and_fault(bottom, ud);
        return;
    }
    printk("faults: %lu bytes of stack left\n", here - bottom);
    if (ud)
        __asm__ volatile("ud2");
    *null_int = pad[0];                                     /* FAULT-LINE little_stack */
}

static void little_stack_thread(void *arg)
{
    /* thread stacks are 16 KiB at the top of a 32 KiB slot (kernel/README.md, memory map) */
    uint64_t top = ((uint64_t)__builtin_frame_address(0) | 0x7fff) + 1;
    descend_and_fault(top - 16 * 1024, (int)(long)arg);
}

/* ---- damaged machine state ---- */
__attribute__((noinline)) static void wild_frame_pointer(void)
{
    __asm__ volatile("mov $0x4141414141414141, %%rbp\n\t"       /* a corrupt frame chain */
                     "movl $1, 0" ::: "memory");                  /* FAULT-LINE wild_rbp */
}

__attribute__((noinline)) static void smash_return(void)
{
    volatile uint64_t buf[2];
    for (int i = 0; i < 6; i++)                                     /* runs over the return address */
        ((volatile uint64_t *)buf)[i] = 0x4141414141414141ull;
}

static void damage_gs(void *arg)
{
    uint64_t v = (uint64_t)arg;
    __asm__ volatile("wrmsr" : : "c"(0xC0000101u), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
    printk("faults: GS base overwritten with 0x%lx on CPU ?\n", v);   /* printk reads GS: faults */
}

/* ---- W^X ---- */
static const char greeting[] = "read-only";
static unsigned char data_code[16] = { 0xc3 };             /* `ret`, in writable data */

__attribute__((noinline)) static void write_text(void)
{
    *(volatile unsigned char *)(uint64_t)write_text = 0x90;   /* FAULT-LINE write_text */
}

__attribute__((noinline)) static void write_rodata(void)
{
    *(volatile char *)greeting = 'R';                      /* FAULT-LINE write_rodata */
}

__attribute__((noinline)) static void exec_data(void)
{
    ((void (*)(void))(uint64_t)data_code)();               /* FAULT-LINE exec_data */
}

__attribute__((noinline)) static void exec_heap(void)
{
    unsigned char *p = malloc(64);
    p[0] = 0xc3;
    ((void (*)(void))p)();                                 /* FAULT-LINE exec_heap */
}

__attribute__((noinline)) static void exec_stack(void)
{
    volatile unsigned char code[16] = { 0xc3 };
    ((void (*)(void))(uint64_t)code)();                    /* FAULT-LINE exec_stack */
}

/* ---- blame ---- */
static void (*volatile null_fn)(void);
__attribute__((noinline)) static void call_null(void)
{
    null_fn();                                             /* FAULT-LINE null_call */
    printk("not reached\n");
}

__attribute__((noinline)) static void call_wild(void)
{
    ((void (*)(void))0x300000ull)();                       /* FAULT-LINE wild_call */
    printk("not reached\n");
}

/* ---- memory misuse ---- */
static void *volatile shared;
static void free_shared(void *arg)
{
    (void)arg;
    free(shared);
}

/* ---- threads ---- */
static thread_t *volatile self;
static void join_self(void *arg)
{
    (void)arg;
    while (!self)
        thread_yield();
    thread_join(self);                                     /* FAULT-LINE self_join */
}

static void quick(void *arg) { (void)arg; }

static volatile int woke;
static void sleeper(void *arg)
{
    thread_sleep((uint64_t)arg);
    woke = 1;
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int main(void)
{
    const char *c = kernel_cmdline();
    int last = cpu_count() - 1;
    printk("faults: case '%s' on %d CPU(s)\n", c, cpu_count());

    if (starts(c, "overflow_main_"))                       /* overflow_main_<frame bytes> */
        recursers[frame_index(c + 14)](0);
    if (starts(c, "overflow_cpu0_"))
        thread_join(BeginThread(overflow_thread, (void *)(long)frame_index(c + 14), 0));
    if (starts(c, "overflow_last_"))
        thread_join(BeginThread(overflow_thread, (void *)(long)frame_index(c + 14), last));
    if (strcmp(c, "little_stack") == 0)
        thread_join(BeginThread(little_stack_thread, (void *)0L, last));
    if (strcmp(c, "little_stack_main") == 0) {             /* the boot stack: 64 KiB under boot_stack_top */
        extern char boot_stack_top[];
        descend_and_fault((uint64_t)boot_stack_top - 64 * 1024, 0);
    }
    if (strcmp(c, "wild_rbp") == 0)
        wild_frame_pointer();
    if (strcmp(c, "smash_return") == 0)
        smash_return();
    if (strcmp(c, "little_stack_ud") == 0)
        thread_join(BeginThread(little_stack_thread, (void *)1L, 0));
    if (strcmp(c, "gs_zero") == 0)
        damage_gs((void *)0);
    if (strcmp(c, "gs_noncanonical_last") == 0)
        thread_join(BeginThread(damage_gs, (void *)0x4141414141414141ull, last));
    if (strcmp(c, "gs_wild_main") == 0)
        damage_gs((void *)0x200000ull);                    /* mapped, but not a percpu block */
    if (strcmp(c, "write_text") == 0)
        write_text();
    if (strcmp(c, "write_rodata") == 0)
        write_rodata();
    if (strcmp(c, "exec_data") == 0)
        exec_data();
    if (strcmp(c, "exec_heap") == 0)
        exec_heap();
    if (strcmp(c, "exec_stack") == 0)
        exec_stack();
    if (strcmp(c, "null_call") == 0)
        call_null();
    if (strcmp(c, "wild_call") == 0)
        call_wild();
    if (strcmp(c, "double_free_local") == 0) {
        void *p = malloc(100);
        free(p);
        free(p);                                           /* FAULT-LINE double_free_local */
    }
    if (strcmp(c, "double_free_remote") == 0) {            /* freed on the last CPU, then here */
        shared = malloc(100);
        thread_join(BeginThread(free_shared, 0, last));
        free(shared);                                      /* FAULT-LINE double_free_remote */
    }
    if (strcmp(c, "double_free_remote_twice") == 0) {      /* both frees on the last CPU */
        shared = malloc(3000);
        thread_join(BeginThread(free_shared, 0, last));
        thread_join(BeginThread(free_shared, 0, last));
    }
    if (strcmp(c, "self_join") == 0) {
        self = BeginThread(join_self, 0, last);
        thread_join(self);
    }
    if (strcmp(c, "double_join") == 0) {
        thread_t *t = BeginThread(quick, 0, last);
        thread_join(t);
        thread_join(t);                                    /* FAULT-LINE double_join */
    }
    if (starts(c, "sleep_")) {                             /* sleep_max, sleep_wrap */
        uint64_t ms = strcmp(c, "sleep_max") == 0 ? UINT64_MAX : UINT64_MAX / 1000000u + 1;
        BeginThread(sleeper, (void *)ms, last);
        thread_sleep(50);
        if (woke) {
            printk("faults: the sleeper woke up after 50 ms\n");
            return 1;
        }
        printk("faults: still asleep after 50 ms\n");
        return CHECKED;
    }
    if (strcmp(c, "printk_100k") == 0) {
        static char big[102401];
        for (int i = 0; i < 102400; i++)
            big[i] = (char)('a' + i % 26);
        int n = printk("BEGIN%sEND\n", big);
        printk("faults: printk returned %d\n", n);
        return n == 102409 ? CHECKED : 1;
    }
    if (strcmp(c, "panic") == 0)
        panic("faults: deliberate panic %d", 7);          /* FAULT-LINE panic */
    if (strcmp(c, "kassert") == 0)
        kassert(cpu_count() > 100);                        /* FAULT-LINE kassert */
    printk("faults: unknown case '%s'\n", c);
    return 2;
}
