/*
 * ruedo.h — the kernel API for applications.
 *
 * Kernel and app are linked into one image and run in ring 0: these are plain function calls,
 * not system calls. The kernel boots every CPU, then calls the app's `int main(void)` on CPU 0;
 * main's return value becomes the exit code of the QEMU run (docs/CONTRACTS.md §4).
 */
#ifndef RUEDO_H
#define RUEDO_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdbool.h>

/* ---- console ---- */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ---- ending the run ---- */
void exit(int code) __attribute__((noreturn));                 /* code 0..62 becomes the run's exit code (else 62) */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* kassert(cond): if cond is false, a crash report "assertion failed: cond at file:line" (exit 100). */
void assert_failed(const char *expr, const char *file, int line) __attribute__((noreturn));
#define kassert(cond) ((cond) ? (void)0 : assert_failed(#cond, __FILE__, __LINE__))

/* ---- CPUs and time ---- */
int cpu_id(void);              /* 0 .. cpu_count()-1 */
int cpu_count(void);
uint64_t uptime_ns(void);      /* nanoseconds since boot */
uint64_t uptime_us(void);
uint64_t uptime_ms(void);
uint64_t cpu_switches(int cpu); /* context switches made on a CPU since boot */
const char *kernel_cmdline(void); /* QEMU's -append text (`ruedo run DIR -- -append TEXT`), "" if none */

/* ---- memory (per-CPU heaps; free() from any CPU) ----
 * Each CPU allocates from its own share of RAM. A block freed on a CPU other than the one that
 * allocated it goes back to its owner at the next scheduling points of both CPUs; until then the
 * owner's heap_stats count it as in use. */
void *malloc(size_t size);     /* NULL when out of memory (reported on the console) */
void *calloc(size_t n, size_t size);
void free(void *p);
struct heap_stats {
    size_t bytes_in_use, bytes_free, allocations, frees, failures;
};
void heap_stats(int cpu, struct heap_stats *out);

/* ---- threads: cooperative, per CPU ---- */
typedef struct thread thread_t;
typedef void (*thread_fn)(void *arg);
/* Creates a thread running fn(arg) on `cpu` (0..cpu_count()-1, or -1 for the calling CPU). Returns
 * NULL, with a message on the console, if there is no such CPU or memory ran out. */
thread_t *BeginThread(thread_fn fn, void *arg, int cpu);
#define thread_create BeginThread
void thread_yield(void);
void thread_sleep(uint64_t ms);
void thread_exit(void) __attribute__((noreturn));
void thread_join(thread_t *t);                            /* wait until t has exited, then free it (NULL: a message, no wait) */
int thread_id(void);                                      /* creating CPU << 24 | per-CPU count */

/* ---- strings ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy(char *dst, const char *src, size_t n);

#endif
