/* lost-config: a global pointer is cleared by mistake early, and the kernel crashes much later when it
 * is used. The crash report names read_config; the cause is forget_config (found by recording the run
 * and going back from the crash with a watchpoint on current_config). */
#include <ruedo.h>

struct config { int value; };

static struct config the_config = { 7 };
struct config *current_config = &the_config;    /* the global that gets corrupted */
int config_generation;
int work_done;

__attribute__((noinline)) int read_config(void)
{
    return current_config->value;               /* the crash: current_config is NULL by now */
}

__attribute__((noinline)) void forget_config(void)
{
    printk("config dropped by mistake\n");
    config_generation++;
    current_config = 0;                         /* the bug */
    work_done = 0;
}

__attribute__((noinline)) void busy_work(int rounds)
{
    for (int i = 0; i < rounds; i++) {
        work_done += i;
    }
}

int main(void)
{
    printk("config value %d\n", read_config());
    forget_config();
    busy_work(100000);
    printk("work done %d\n", work_done);
    return read_config();
}
