/* percpu.h — the per-CPU block every CPU reaches through this_cpu() (arch.h). Generic: what the
 * scheduler and the crash reports keep per CPU. What only the architecture needs per CPU (x86_64: the
 * TSS and the IST stacks) lives in arch/x86_64/cpu.c. A debugger reads `percpu[c]` (CONTRACTS.md §8, debug ABI). */
#ifndef RUEDO_PERCPU_H
#define RUEDO_PERCPU_H
#include "kernel.h"

struct thread;

struct percpu {
    struct percpu *self;           /* first: the architecture finds the block through it (x86_64: %gs:0) */
    int id;
    uint32_t lapic_id;             /* the CPU's hardware id (x86_64: its local APIC id) */
    volatile int online;
    struct thread *current;        /* running thread */
    struct thread *idle;           /* this CPU's boot/idle thread */
    struct thread *zombie;         /* exiting thread we just switched away from */
    void *sched;                   /* scheduler state (sched/sched.c) */
    uint64_t switches;             /* context switches done on this CPU */
};

extern struct percpu percpu[MAX_CPUS];
extern int ncpus;

#endif
