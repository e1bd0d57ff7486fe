/*
 * traps.S — exception entry stubs (vectors 0-31).
 *
 * Machine state on entry to every stub: ring 0 (the kernel is the only privilege level), the CPU has
 * pushed SS, RSP, RFLAGS, CS, RIP and, for vectors 8, 10-14, 17, 21, 29, 30, an error code, on the
 * per-CPU IST stack of that exception (cpu.c: every exception has one; RSP of the faulting code is
 * the saved RSP, wherever it pointed). Interrupts are off
 * (interrupt gates). Each stub makes the frame uniform (pushes 0 when the CPU pushed no error code),
 * pushes its vector, then trap_common saves the general registers as a struct trap_frame and calls
 * trap_handler(frame). trap_handler never returns into a faulting context unless a test armed a
 * recovery point, in which case it does not return here at all.
 */
    .text
    .code64

/*
 * CFI: gdb unwinds from trap_handler through trap_common into the interrupted frame. The CFA is the
 * address just above the CPU's frame (SS at CFA-8, RSP -16, RFLAGS -24, CS -32, RIP -40); the frame is
 * a signal frame, so the interrupted RIP is the faulting instruction itself (no "return address - 1").
 * The .debug_frame section is used because the linker script discards .eh_frame (as gcc does for C
 * with -fno-asynchronous-unwind-tables -g).
 */
    .cfi_sections .debug_frame

.macro HW_FRAME_CFI cfa
    .cfi_signal_frame
    .cfi_def_cfa %rsp, \cfa
    .cfi_offset %rip, -40
    .cfi_offset %rsp, -16
.endm

.macro STUB vec, has_error
    .globl trap_stub_\vec
    .type trap_stub_\vec, @function
trap_stub_\vec:
    .cfi_startproc simple
    .if \has_error == 0
    HW_FRAME_CFI 40
    pushq   $0
    .cfi_adjust_cfa_offset 8
    .else
    HW_FRAME_CFI 48
    .endif
    pushq   $\vec
    .cfi_adjust_cfa_offset 8
    jmp     trap_common
    .cfi_endproc
.endm

STUB 0,0
STUB 1,0
STUB 2,0
STUB 3,0
STUB 4,0
STUB 5,0
STUB 6,0
STUB 7,0
STUB 8,1
STUB 9,0
STUB 10,1
STUB 11,1
STUB 12,1
STUB 13,1
STUB 14,1
STUB 15,0
STUB 16,0
STUB 17,1
STUB 18,0
STUB 19,0
STUB 20,0
STUB 21,1
STUB 22,0
STUB 23,0
STUB 24,0
STUB 25,0
STUB 26,0
STUB 27,0
STUB 28,0
STUB 29,1
STUB 30,1
STUB 31,0

/*
 * trap_common — machine state: as on entry to a stub, plus the error code (or 0) and the vector
 * pushed: [RSP] = vector, [RSP+8] = error, [RSP+16] = RIP ... [RSP+48] = SS (CFA = RSP+56). Saves the
 * general registers (struct trap_frame, cpu.h), keeps the frame's address in RBX (callee-saved, so
 * the CFA stays RBX-based after RSP is aligned), and calls trap_handler(frame) with RSP 16-aligned.
 */
    .type trap_common, @function
trap_common:
    .cfi_startproc simple
    HW_FRAME_CFI 56
    .irp r, rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15
    pushq   %\r
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %\r, 0
    .endr
    mov     %rsp, %rdi
    mov     %rsp, %rbx
    .cfi_def_cfa_register %rbx
    cld
    and     $-16, %rsp
    call    trap_handler
1:  cli
    hlt
    jmp     1b
    .cfi_endproc
    .size trap_common, . - trap_common

/*
 * irq_wake — WAKE_VECTOR (lapic.h), the IPI another CPU sends after handing this one threads.
 * Machine state: ring 0, interrupts off (interrupt gate); the only place interrupts are ever on is
 * the `sti; hlt` of the idle loop (sched.c), so this always interrupts that hlt. Acknowledges the
 * interrupt at the local APIC (EOI register, 0xFEE000B0) and returns after the hlt.
 */
    .globl irq_wake
irq_wake:
    pushq   %rax
    mov     $0xFEE000B0, %eax
    movl    $0, (%rax)
    popq    %rax
    iretq

/* irq_spurious — the local APIC's spurious vector and the masked PICs' spurious IRQ 7/15: no EOI
 * wanted. Same machine state as above. */
    .globl irq_spurious
irq_spurious:
    iretq

    .section .rodata
    .align 8
    .globl trap_stubs
trap_stubs:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad trap_stub_\v
    .endr
