/* printk.c — formatted output to the serial console; one call's text is never interleaved with another CPU's. */
#include "kernel.h"
#include <arch/io.h>

static volatile int console_owner = -1;
static int console_depth;

/* A recursive spinlock (xchg-based) so that a crash report printed while holding it still gets out. */
void console_lock(void)
{
    int me = cpu_id();
    if (console_owner == me) {
        console_depth++;
        return;
    }
    while (__sync_val_compare_and_swap(&console_owner, -1, me) != -1)
        cpu_relax();
    console_depth = 1;
}

void console_unlock(void)
{
    if (--console_depth == 0)
        __atomic_store_n(&console_owner, -1, __ATOMIC_RELEASE);
}

int vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    console_lock();
    serial_write(buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
    console_unlock();
    return n;
}

int printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}
