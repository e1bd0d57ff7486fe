/* cmdline.c — the kernel command line: the text QEMU's `-append` passes through the Multiboot
 * information (flag bit 2, field `cmdline`). QEMU puts the image's path first; kernel_cmdline()
 * returns what follows it. Copied at boot, before memory is handed out. */
#include "kernel.h"
#include "boot.h"

static char cmdline[256];

void cmdline_init(uint32_t mbi)
{
    const uint32_t *info = (const uint32_t *)(uint64_t)mbi;
    if (!(info[0] & 4) || !info[4])
        return;
    const char *s = (const char *)(uint64_t)info[4];
    while (*s && *s != ' ')                  /* the image path */
        s++;
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    if (n >= sizeof cmdline) {
        printk("kernel command line: %lu bytes, only the first %lu kept\n", (uint64_t)n, (uint64_t)sizeof cmdline - 1);
        n = sizeof cmdline - 1;
    }
    memcpy(cmdline, s, n);
    cmdline[n] = 0;
}

const char *kernel_cmdline(void)
{
    return cmdline;
}
