/*
 * switch.S — the context switch. Cooperative scheduling means a thread only ever leaves the CPU by
 * calling this routine, so the caller-saved registers are already dead (System V ABI) and only the
 * callee-saved ones plus RSP make up a thread's context: they are pushed on the old thread's stack,
 * RSP is stored in the old thread, the new thread's RSP is loaded, its registers popped, and `ret`
 * continues wherever the new thread called switch_context (or at thread_trampoline for a new one).
 *
 * void switch_context(uint64_t *save_rsp /@ rdi @/, uint64_t new_rsp /@ rsi @/);
 * Machine state on entry: ring 0, called from C (sched.c) with interrupts off or irrelevant
 * (no interrupt handler ever switches threads). 15 instructions (6 push, 2 mov, 6 pop, ret), no memory
 * other than the two stacks
 * and *save_rsp.
 */
    .text
    .globl switch_context
switch_context:
    push    %rbx
    push    %rbp
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    mov     %rsp, (%rdi)
    mov     %rsi, %rsp
    pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %rbp
    pop     %rbx
    ret
    .globl switch_context_end
switch_context_end:

/*
 * thread_trampoline — first code of every new thread, reached by switch_context's `ret`.
 * Machine state: RSP at the top of the thread's fresh stack, callee-saved registers zero.
 * Aligns the stack as the ABI requires and calls thread_main(), which never returns.
 * The CFI marks it as the outermost frame (return address undefined), so gdb's backtrace of a
 * thread ends here cleanly (.debug_frame: the linker script discards .eh_frame).
 */
    .cfi_sections .debug_frame
    .globl thread_trampoline
thread_trampoline:
    .cfi_startproc
    .cfi_undefined rip
    xor     %ebp, %ebp
    and     $-16, %rsp
    call    thread_main
    ud2
    .cfi_endproc
