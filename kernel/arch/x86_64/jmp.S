/*
 * jmp.S — ksetjmp/klongjmp, used by the exception handler to resume a test that armed a recovery
 * point. Machine state on entry: normal C calling convention (System V), ring 0.
 * Buffer layout: rbx, rbp, r12, r13, r14, r15, rsp (after return), rip (return address).
 */
    .text
    .globl ksetjmp
ksetjmp:
    mov     %rbx, 0(%rdi)
    mov     %rbp, 8(%rdi)
    mov     %r12, 16(%rdi)
    mov     %r13, 24(%rdi)
    mov     %r14, 32(%rdi)
    mov     %r15, 40(%rdi)
    lea     8(%rsp), %rax
    mov     %rax, 48(%rdi)
    mov     (%rsp), %rax
    mov     %rax, 56(%rdi)
    xor     %eax, %eax
    ret

    .globl klongjmp
klongjmp:
    mov     0(%rdi), %rbx
    mov     8(%rdi), %rbp
    mov     16(%rdi), %r12
    mov     24(%rdi), %r13
    mov     32(%rdi), %r14
    mov     40(%rdi), %r15
    mov     48(%rdi), %rsp
    mov     %esi, %eax
    test    %eax, %eax
    jnz     1f
    inc     %eax
1:  jmp     *56(%rdi)
