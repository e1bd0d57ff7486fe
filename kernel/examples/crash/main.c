/* crash — dereferences NULL inside store_answer(); the kernel prints a crash report naming it. */
#include <ruedo.h>

struct answer { int value; };

__attribute__((noinline)) void store_answer(struct answer *a)
{
    a->value = 42;
}

int main(void)
{
    printk("about to dereference NULL\n");
    store_answer(NULL);
    printk("not reached\n");
    return 0;
}
