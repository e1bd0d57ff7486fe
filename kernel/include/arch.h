/*
 * arch.h — everything the generic kernel (kmain.c, sched/, mm/, lib/) asks of the architecture.
 * Generic code includes this header and no <arch/...> header; kernel/arch/x86_64/ implements it (the
 * few one-instruction operations as inlines in <arch/inline.h>, included at the end). Porting the
 * kernel means implementing this file's declarations.
 */
#ifndef RUEDO_ARCH_H
#define RUEDO_ARCH_H
#include "kernel.h"
#include "percpu.h"

/* ---- CPUs (arch/x86_64/cpu.c, smp.c, lapic.c) ---- */
static inline struct percpu *this_cpu(void);   /* the calling CPU's block */
void idt_init(void);                           /* exception entry points, once, before cpu_init(0) */
void cpu_init(int id);                         /* the calling CPU's descriptors and this_cpu() */
void smp_init(void);                           /* start every other CPU (each enters sched_idle_loop) */
void arch_wake_cpu(int cpu);                   /* end `cpu`'s arch_halt() (harmless if it runs) */
static inline void arch_halt(void);            /* wait for an interrupt; interrupts off again after */
static inline void arch_irq_disable(void);
static inline void cpu_relax(void);            /* in a spin loop */

/* ---- time (arch/x86_64/timer.c, lapic.c) ---- */
void time_init(void);                          /* calibrates the clock behind uptime_ns() */
uint64_t tsc_rate_khz(void);                   /* the calibrated cycle counter's rate */
void udelay(uint64_t us);                      /* busy-waits */
void arch_timer_oneshot(uint64_t ns);          /* one wake-up of this CPU's arch_halt() in ns */
void arch_timer_stop(void);

/* ---- memory (arch/x86_64/paging.c) ---- */
void paging_init(void);                        /* page 0 and the boot guard unmapped, W^X */
int map_page(uint64_t va, uint64_t pa);        /* 4 KiB, read/write, no execute; 0 when out of memory */
void unmap_page(uint64_t va);
int protect_page(uint64_t va, bool writable, bool executable);   /* boot: change a mapped page */

/* ---- crash reports (arch/x86_64/traps.c) ---- */
struct trap_frame;                             /* the registers saved at a CPU exception */
void arch_print_registers(const struct trap_frame *tf);   /* error code, fault address, rip, registers */
void arch_frame_pointers(const struct trap_frame *tf, uint64_t *pc, uint64_t *sp, uint64_t *fp);
uint64_t arch_frameless_caller(const struct trap_frame *tf);  /* caller's return address, or 0 */

/* ---- ending the run (arch/x86_64/cpu.c) ---- */
void arch_exit(uint8_t v) __attribute__((noreturn));   /* the exit byte (CONTRACTS §4); never returns */

/* ---- test recovery (arch/x86_64/jmp.S, traps.c): an armed CPU resumes a test after a fault ---- */
struct trap_recovery {
    uint64_t jmpbuf[8];            /* ksetjmp state: rbx rbp r12 r13 r14 r15 rsp rip */
    volatile int caught;
    uint64_t vector, rip;          /* what was caught */
    bool overflow;                 /* the report said "stack overflow" */
};
int ksetjmp(uint64_t buf[8]) __attribute__((returns_twice));
void klongjmp(uint64_t buf[8], int val) __attribute__((noreturn));
extern struct trap_recovery *trap_recovery[MAX_CPUS];

#include <arch/inline.h>

#endif
