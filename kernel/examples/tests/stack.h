#ifndef STACK_H
#define STACK_H
#include <ruedo.h>

#define STACK_MAX 8
struct stack {
    int items[STACK_MAX];
    int depth;
};

void stack_init(struct stack *s);
bool stack_push(struct stack *s, int v);     /* false when full */
bool stack_pop(struct stack *s, int *out);   /* false when empty */
int stack_sum(const struct stack *s);
#endif
