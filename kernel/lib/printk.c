/* printk.c — formatted output to the serial console; one call's text is never interleaved with another CPU's. */
#include "arch.h"

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

/* Formats straight to the serial port in 128-byte pieces, holding the console for the whole call:
 * any length gets out whole and is never interleaved with another CPU's text. Returns the length. */
int vprintk(const char *fmt, va_list ap)
{
    console_lock();
    int n = vformat_stream(serial_write, fmt, ap);
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
