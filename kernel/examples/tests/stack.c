/* stack.c — a small fixed-size stack of ints: the code the test cases in main.c check. */
#include "stack.h"

void stack_init(struct stack *s)
{
    s->depth = 0;
}

bool stack_push(struct stack *s, int v)
{
    if (s->depth == STACK_MAX)
        return false;
    s->items[s->depth++] = v;
    return true;
}

bool stack_pop(struct stack *s, int *out)
{
    if (s->depth == 0)
        return false;
    *out = s->items[--s->depth];
    return true;
}

int stack_sum(const struct stack *s)
{
    int sum = 0;
    for (int i = 1; i < s->depth; i++)      /* bug on purpose: starts at 1, so the bottom item is left out */
        sum += s->items[i];
    return sum;
}
