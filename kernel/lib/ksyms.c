/* ksyms.c — address -> symbol name, from the table the build engine links in (CONTRACTS.md §3). */
#include "kernel.h"

extern const struct ksym ksym_table[];
extern const uint64_t ksym_count;

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
    extern char _text_end[];
    uint64_t lo = 0, hi = ksym_count;
    if (hi == 0 || addr < ksym_table[0].addr || addr >= (uint64_t)_text_end)
        return 0;                          /* not code: no symbol (the table has text symbols only) */
    while (hi - lo > 1) {                  /* last entry with .addr <= addr */
        uint64_t mid = (lo + hi) / 2;
        if (ksym_table[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (offset)
        *offset = addr - ksym_table[lo].addr;
    return ksym_table[lo].name;
}
