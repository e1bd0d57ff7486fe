/* format.c — vsnprintf: %d %i %u %x %X %p %s %c %%, flags '-' '0', width, and the l/ll/z/h modifiers.
 * The same formatter streams into a sink (vformat_stream), so printk has no length limit. */
#include "kernel.h"

/* Into buf[size] (truncated, NUL-terminated) or, with a sink, in pieces of up to `size` bytes. */
struct out { char *buf; size_t size, len, pos; void (*sink)(const char *, size_t); };

static void put(struct out *o, char c)
{
    if (o->sink) {
        o->buf[o->pos++] = c;
        if (o->pos == o->size) {
            o->sink(o->buf, o->pos);
            o->pos = 0;
        }
    } else if (o->len + 1 < o->size) {
        o->buf[o->len] = c;
    }
    o->len++;
}

static void put_num(struct out *o, uint64_t v, int base, bool upper, bool neg, int width, bool zero, bool left)
{
    char tmp[24];
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    do {
        tmp[n++] = digits[v % (uint64_t)base];
        v /= (uint64_t)base;
    } while (v);
    int len = n + (neg ? 1 : 0);
    if (!left && !zero)
        for (; width > len; width--)
            put(o, ' ');
    if (neg)
        put(o, '-');
    if (!left && zero)
        for (; width > len; width--)
            put(o, '0');
    while (n)
        put(o, tmp[--n]);
    if (left)
        for (; width > len; width--)
            put(o, ' ');
}

static void format(struct out *o, const char *fmt, va_list ap);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0, 0, 0 };
    format(&o, fmt, ap);
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int vformat_stream(void (*sink)(const char *, size_t), const char *fmt, va_list ap)
{
    char buf[128];
    struct out o = { buf, sizeof buf, 0, 0, sink };
    format(&o, fmt, ap);
    if (o.pos)
        sink(buf, o.pos);
    return (int)o.len;
}

static void format(struct out *o_, const char *fmt, va_list ap)
{
    struct out o = *o_;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            put(&o, *p);
            continue;
        }
        p++;
        bool left = false, zero = false;
        for (;; p++) {
            if (*p == '-') left = true;
            else if (*p == '0') zero = true;
            else break;
        }
        int width = 0;
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        int lng = 0;
        while (*p == 'l' || *p == 'z' || *p == 'h') {
            if (*p != 'h')
                lng++;
            p++;
        }
        switch (*p) {
        case 'd': case 'i': {
            int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_num(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, false, v < 0, width, zero, left);
            break;
        }
        case 'u': case 'x': case 'X': {
            uint64_t v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
            put_num(&o, v, *p == 'u' ? 10 : 16, *p == 'X', false, width, zero, left);
            break;
        }
        case 'p':
            put(&o, '0'); put(&o, 'x');
            put_num(&o, (uint64_t)va_arg(ap, void *), 16, false, false, 16, true, false);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            size_t n = strlen(s);
            if (!left) for (int w = width; w > (int)n; w--) put(&o, ' ');
            while (*s) put(&o, *s++);
            if (left) for (int w = width; w > (int)n; w--) put(&o, ' ');
            break;
        }
        case 'c':
            put(&o, (char)va_arg(ap, int));
            break;
        case '%':
            put(&o, '%');
            break;
        case 0:
            p--;
            break;
        default:
            put(&o, '%');
            put(&o, *p);
        }
    }
    *o_ = o;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
