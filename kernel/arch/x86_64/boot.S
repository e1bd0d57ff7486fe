/*
 * boot.S — Multiboot v1 entry and the 32 -> 64-bit trampoline of the bootstrap CPU.
 *
 * The header uses the a.out kludge (flag bit 16): QEMU's `-kernel` loader copies the flat image
 * [_load_start, _load_end) to 1 MiB, zeroes up to _kernel_end and jumps to _start32.
 */
#define MB_MAGIC      0x1BADB002
#define MB_FLAGS      0x00010002      /* bit 1: memory map wanted; bit 16: addresses below are valid */
#define CR4_PAE       (1 << 5)
#define MSR_EFER      0xC0000080
#define EFER_LME      (1 << 8)
#define CR0_PE_PG     0x80000001
#define BOOT_STACK    65536           /* kmain and the app's main run here */

    .section .multiboot, "a"
    .align 4
mb_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)
    .long mb_header                  /* header_addr   */
    .long _load_start                /* load_addr     */
    .long _load_end                  /* load_end_addr */
    .long _kernel_end                /* bss_end_addr  */
    .long _start32                   /* entry_addr    */

    .section .text.boot, "ax"
    .code32
/*
 * _start32 — entry from the Multiboot loader.
 * Machine state: 32-bit protected mode, paging off, interrupts off, flat 4 GiB code/data segments
 * set up by the loader (its GDT may be anywhere), no valid stack, EAX = 0x2BADB002,
 * EBX = physical address of the Multiboot information structure. BSS is already zeroed.
 * Builds identity-mapping page tables for the first 4 GiB (2 MiB pages), enables PAE + long mode +
 * paging, loads our GDT and far-jumps to _start64.
 */
    .globl _start32
_start32:
    cli
    mov     $boot_stack_top, %esp
    mov     %eax, mb_magic
    mov     %ebx, mb_info

    /* 4 page directories x 512 entries of 2 MiB: identity map 0..4 GiB (LAPIC/IOAPIC live at the top). */
    mov     $boot_pd, %edx
    xor     %ecx, %ecx
1:  mov     %ecx, %eax
    shl     $21, %eax
    or      $0x83, %eax              /* present | writable | 2 MiB page */
    mov     %eax, (%edx,%ecx,8)
    inc     %ecx
    cmp     $2048, %ecx
    jne     1b

    mov     $boot_pdpt, %edx
    mov     $boot_pd, %eax
    or      $3, %eax
    mov     %eax, 0(%edx)
    add     $4096, %eax
    mov     %eax, 8(%edx)
    add     $4096, %eax
    mov     %eax, 16(%edx)
    add     $4096, %eax
    mov     %eax, 24(%edx)

    mov     $boot_pdpt, %eax
    or      $3, %eax
    mov     %eax, boot_pml4

    mov     $boot_pml4, %eax
    mov     %eax, %cr3
    mov     %cr4, %eax
    or      $CR4_PAE, %eax
    mov     %eax, %cr4
    mov     $MSR_EFER, %ecx
    rdmsr
    or      $EFER_LME, %eax
    wrmsr
    mov     %cr0, %eax
    or      $CR0_PE_PG, %eax
    mov     %eax, %cr0

    lgdt    gdt_ptr
    ljmp    $0x08, $_start64

    .code64
/*
 * _start64 — first 64-bit instruction of the bootstrap CPU.
 * Machine state: long mode, paging on with the identity map above, CS = 0x08 (ring-0 code),
 * data segments still hold 32-bit selectors, interrupts off, RSP = boot stack.
 * Calls kmain(magic, mbi) with the values the loader passed; kmain never returns.
 */
    .cfi_sections .debug_frame
_start64:
    .cfi_startproc
    .cfi_undefined rip                /* outermost frame: gdb's backtraces end here */
    mov     $0x10, %ax
    mov     %ax, %ds
    mov     %ax, %es
    mov     %ax, %ss
    xor     %ax, %ax
    mov     %ax, %fs
    mov     %ax, %gs
    mov     $boot_stack_top, %rsp
    xor     %ebp, %ebp
    mov     mb_magic(%rip), %edi
    mov     mb_info(%rip), %esi
    call    kmain
2:  cli
    hlt
    jmp     2b
    .cfi_endproc

    .section .data
    .align 16
/* The only GDT: null, ring-0 64-bit code (0x08), ring-0 data (0x10). No user or TSS descriptors
 * here; per-CPU TSS descriptors (for the IST stacks) are appended at run time by cpu.c. */
    .globl gdt_boot
gdt_boot:
    .quad 0
    .quad 0x00AF9A000000FFFF
    .quad 0x00CF92000000FFFF
gdt_boot_end:
gdt_ptr:
    .word gdt_boot_end - gdt_boot - 1
    .long gdt_boot

    .section .bss
    .align 4096
boot_pml4:  .skip 4096
boot_pdpt:  .skip 4096
boot_pd:    .skip 4096 * 4
    .globl boot_pml4
    .align 4096
/* Unmapped by paging_init(): a boot-stack overflow faults (reported from the #PF IST stack) instead
 * of overwriting the page tables above. 16 KiB = BOOT_GUARD_SIZE (mm.h), more than the largest step
 * code built with -fstack-clash-protection takes without touching the stack (CONTRACTS.md §2). */
boot_stack_guard: .skip 16384
    .globl boot_stack_guard
boot_stack: .skip BOOT_STACK
boot_stack_top:
    .globl boot_stack_top
mb_magic:   .long 0
mb_info:    .long 0
