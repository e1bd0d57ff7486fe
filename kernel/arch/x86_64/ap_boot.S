/*
 * ap_boot.S — the application-processor trampoline. smp.c copies [ap_tramp_start, ap_tramp_end) to
 * physical 0x8000 and sends INIT-SIPI-SIPI with vector 0x08, so every AP starts here.
 *
 * Machine state on entry (ap_tramp_start): 16-bit real mode, CS:IP = 0x0800:0000, interrupts off,
 * paging off, no stack. The AP loads a temporary GDT, enters protected mode, turns on PAE + long
 * mode + paging with the BSP's page tables (ap_cr3), jumps to 64-bit code and calls ap_main(ap_id)
 * on the stack smp.c left in ap_stack. Addresses inside the copy are computed relative to 0x8000.
 */
#define TRAMP 0x8000
#define REL(x) ((x) - ap_tramp_start + TRAMP)

    .section .rodata
    .code16
    .globl ap_tramp_start, ap_tramp_end, ap_cr3, ap_stack, ap_entry, ap_id
ap_tramp_start:
    cli
    cld
    xor     %ax, %ax
    mov     %ax, %ds
    lgdtl   REL(ap_gdt_ptr)
    mov     %cr0, %eax
    and     $0x9FFFFFFF, %eax               /* caches on: INIT-SIPI leaves CR0.CD and CR0.NW set */
    or      $1, %eax
    mov     %eax, %cr0
    ljmpl   $0x08, $REL(ap_pm)

    .code32
ap_pm:
    mov     $0x10, %ax
    mov     %ax, %ds
    mov     %ax, %es
    mov     %ax, %ss
    mov     %cr4, %eax
    or      $(1 << 5), %eax                 /* PAE */
    mov     %eax, %cr4
    mov     REL(ap_cr3), %eax
    mov     %eax, %cr3
    mov     $0xC0000080, %ecx                /* EFER.LME, EFER.NXE (the tables use NX, paging.c) */
    rdmsr
    or      $((1 << 8) | (1 << 11)), %eax
    wrmsr
    mov     %cr0, %eax
    or      $0x80010000, %eax               /* PG, WP (read-only pages hold for ring 0) */
    mov     %eax, %cr0
    ljmpl   $0x18, $REL(ap_lm)

    .code64
ap_lm:
    mov     $0x10, %ax
    mov     %ax, %ds
    mov     %ax, %es
    mov     %ax, %ss
    mov     REL(ap_stack), %rsp
    xor     %ebp, %ebp
    mov     REL(ap_id), %edi
    mov     REL(ap_entry), %rax
    call    *%rax
1:  hlt
    jmp     1b

    .align 16
ap_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF        /* 0x08: 32-bit code */
    .quad 0x00CF92000000FFFF        /* 0x10: data */
    .quad 0x00AF9A000000FFFF        /* 0x18: 64-bit code */
ap_gdt_ptr:
    .word ap_gdt_ptr - ap_gdt - 1
    .long REL(ap_gdt)
    .align 8
ap_cr3:   .quad 0
ap_stack: .quad 0
ap_entry: .quad 0
ap_id:    .quad 0
ap_tramp_end:
