/* ktest_select.c — which KTEST cases a run executes, from the kernel command line (QEMU's -append),
 * as `ruedo test` asks for them:
 *   ktest.filter=GLOB   only the cases whose name matches GLOB ('*' any run of characters, '?' one)
 *   ktest.skip=K        of those, leave out the first K: an earlier boot ran them, then crashed or hung
 * Without either, every case runs (the kernel suite, or an app's `main` calling ktest_run_all()). */
#include "ktest.h"

static bool glob_match(const char *p, const char *s)
{
    for (; *p; p++, s++) {
        if (*p == '*') {
            for (;; s++) {
                if (glob_match(p + 1, s))
                    return true;
                if (!*s)
                    return false;
            }
        }
        if (!*s || (*p != '?' && *p != *s))
            return false;
    }
    return !*s;
}

/* The value of `key=` in the command line, copied into buf ("" when absent). */
static const char *option(const char *key, char *buf, size_t n)
{
    const char *c = kernel_cmdline();
    size_t k = strlen(key);
    buf[0] = 0;
    for (const char *s = c; *s; s++) {
        if ((s == c || s[-1] == ' ') && strncmp(s, key, k) == 0 && s[k] == '=') {
            size_t i = 0;
            for (s += k + 1; *s && *s != ' ' && i + 1 < n; s++)
                buf[i++] = *s;
            buf[i] = 0;
            break;
        }
    }
    return buf;
}

static bool matches(const struct ktest *t)
{
    char glob[128];
    option("ktest.filter", glob, sizeof glob);
    return !glob[0] || glob_match(glob, t->name);
}

int ktest_selected_count(const struct ktest *first, const struct ktest *end)
{
    int n = 0;
    for (const struct ktest *t = first; t < end; t++)
        n += matches(t);
    return n;
}

bool ktest_select(const struct ktest *t)
{
    static int seen;
    char skip[16];
    int k = 0;
    for (const char *s = option("ktest.skip", skip, sizeof skip); *s >= '0' && *s <= '9'; s++)
        k = k * 10 + (*s - '0');
    return matches(t) && seen++ >= k;
}
