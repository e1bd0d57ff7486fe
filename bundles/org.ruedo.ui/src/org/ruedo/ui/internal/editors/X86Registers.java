package org.ruedo.ui.internal.editors;

import java.util.Set;

/** The x86-64 register names gdb knows as {@code $name} (general, segment, flags, SSE, control). */
final class X86Registers {
    private static final Set<String> NAMES = Set.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10",
            "r11", "r12", "r13", "r14", "r15", "rip", "eflags", "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "r8d",
            "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d", "ax", "bx", "cx", "dx", "si", "di", "bp", "sp", "al", "bl",
            "cl", "dl", "ah", "bh", "ch", "dh", "sil", "dil", "bpl", "spl", "cs", "ds", "es", "fs", "gs", "ss", "fs_base",
            "gs_base", "cr0", "cr2", "cr3", "cr4", "cr8", "efer");

    private X86Registers() {
    }

    static boolean isRegister(String name) {
        return NAMES.contains(name) || name.matches("xmm([0-9]|1[0-5])");
    }
}
