/* hello — the Ruedo sample app. The kernel boots, then calls main() in ring 0. */
#include <ruedo.h>

static int square(int x)
{
    return x * x;
}

int main(void)
{
    int cpus = cpu_count();
    int a = square(2);
    int b = square(3);
    int sum = a + b;
    printk("hello from Ruedo!\n");
    printk("running on CPU %d of %d\n", cpu_id(), cpus);
    printk("2^2 + 3^2 = %d\n", sum);
    printk("uptime: %lu ms\n", uptime_ms());
    return 0;
}
