/* tests — an app made of test cases. `./ruedo test .` boots it and prints one line per case;
 * `--junit report.xml` writes a JUnit report for CI. sum_adds_every_item fails on purpose: the bug
 * is in stack.c's stack_sum (the loop starts at 1). Fix it and run the tests again. */
#include <ruedo_test.h>
#include "stack.h"

KTEST(push_then_pop_gives_the_item_back)
{
    struct stack s;
    stack_init(&s);
    KASSERT(stack_push(&s, 42), "push on an empty stack");
    int v = 0;
    KASSERT(stack_pop(&s, &v), "pop after a push");
    KASSERT(v == 42, "popped %d", v);
}

KTEST(pop_on_empty_stack_fails)
{
    struct stack s;
    stack_init(&s);
    int v;
    KASSERT(!stack_pop(&s, &v), "pop on an empty stack must fail");
}

KTEST(push_on_full_stack_fails)
{
    struct stack s;
    stack_init(&s);
    for (int i = 0; i < STACK_MAX; i++)
        KASSERT(stack_push(&s, i), "push %d of %d", i + 1, STACK_MAX);
    KASSERT(!stack_push(&s, 99), "push on a full stack must fail");
}

KTEST(sum_adds_every_item)
{
    struct stack s;
    stack_init(&s);
    stack_push(&s, 1);
    stack_push(&s, 2);
    stack_push(&s, 3);
    KASSERT(stack_sum(&s) == 6, "sum of 1, 2, 3 is %d", stack_sum(&s));
}

int main(void)
{
    return ktest_run_all();
}
