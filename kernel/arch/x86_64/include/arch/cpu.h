/* cpu.h — per-CPU data (reached through GS), trap frame layout, descriptor-table setup. */
#ifndef RUEDO_ARCH_CPU_H
#define RUEDO_ARCH_CPU_H
#include "kernel.h"

struct thread;

/* Registers saved by the exception stubs in traps.S, lowest address first. */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;          /* pushed by the CPU */
};

/* One per CPU; GS base points at it, `self` first so `mov %gs:0` yields the pointer. */
struct percpu {
    struct percpu *self;
    int id;
    uint32_t lapic_id;
    volatile int online;
    struct thread *current;        /* running thread */
    struct thread *idle;           /* this CPU's boot/idle thread */
    struct thread *zombie;         /* exiting thread we just switched away from */
    void *sched;                   /* scheduler state (sched/sched.c) */
    uint64_t switches;             /* context switches done on this CPU */
    uint8_t *ist_stack;            /* lowest address of this CPU's IST stacks (cpu.c) */
    uint64_t tss[13];              /* 104-byte 64-bit TSS */
};

extern struct percpu percpu[MAX_CPUS];
extern int ncpus;

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(p));
    return p;
}

#define MSR_GS_BASE 0xC0000101
#define MSR_EFER    0xC0000080
#define EFER_NXE    (1u << 11)

void cpu_init(int id);           /* GDT (+TSS), IDT, GS base for the calling CPU */
void idt_init(void);             /* builds the shared IDT once */
bool ist_contains(uint64_t addr); /* on some CPU's exception (IST) stack */

/* Test hook: when armed by a test on this CPU, an exception prints its report and resumes at the
 * recovery point instead of ending the run. */
struct trap_recovery {
    uint64_t jmpbuf[8];            /* ksetjmp state: rbx rbp r12 r13 r14 r15 rsp rip */
    volatile int caught;
    uint64_t vector, rip;          /* what was caught */
    bool overflow;                 /* the report said "stack overflow" */
};
int ksetjmp(uint64_t buf[8]) __attribute__((returns_twice));
void klongjmp(uint64_t buf[8], int val) __attribute__((noreturn));
extern struct trap_recovery *trap_recovery[MAX_CPUS];

#endif
