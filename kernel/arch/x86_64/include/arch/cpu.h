/* cpu.h — x86_64 internals: the trap frame layout, MSRs, descriptor-table helpers (arch code only;
 * generic code sees arch.h). */
#ifndef RUEDO_ARCH_CPU_H
#define RUEDO_ARCH_CPU_H
#include "arch.h"

/* Registers saved by the exception stubs in traps.S, lowest address first. */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;          /* pushed by the CPU */
};

#define MSR_GS_BASE 0xC0000101
#define MSR_EFER    0xC0000080
#define EFER_NXE    (1u << 11)
#define EXIT_PORT   0xf4            /* isa-debug-exit (CONTRACTS.md §4) */

bool ist_contains(uint64_t addr);   /* on some CPU's exception (IST) stack */

#endif
