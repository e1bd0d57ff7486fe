package org.ruedo.launch.machine;

/**
 * What the debugger may assume about the Ruedo kernel's address space (docs/CONTRACTS.md, "Debug ABI"):
 * boot.S identity-maps 0..4 GiB (so a global's virtual address is its physical address, and QEMU can
 * read it without gdb and without stopping the guest); page 0 is unmapped; thread stacks live in the
 * stack arena at 512 GiB (1 GiB per CPU, each 32 KiB slot a 16 KiB unmapped guard below a 16 KiB
 * stack), mapped elsewhere than their virtual address says.
 */
public final class KernelLayout {
    /** End of the identity map (exclusive). */
    public static final long IDENTITY_END = 1L << 32;
    /** Start of the thread-stack arena (kernel/include/mm.h STACK_ARENA). */
    public static final long STACK_ARENA = 0x0000008000000000L;
    /** Each CPU's part of the arena. */
    public static final long STACK_CPU_SPAN = 1L << 30;
    /** One stack slot: guard, then stack. */
    public static final long SLOT_SIZE = 32 * 1024;

    private KernelLayout() {
    }

    /** Whether QEMU can read {@code address} as physical memory at the same address. */
    public static boolean identityMapped(long address) {
        return Long.compareUnsigned(address, 4096) >= 0 && Long.compareUnsigned(address, IDENTITY_END) < 0;
    }

    /** Whether {@code address} lies in the thread-stack arena. */
    public static boolean onThreadStack(long address) {
        return Long.compareUnsigned(address, STACK_ARENA) >= 0
                && Long.compareUnsigned(address, STACK_ARENA + 256 * STACK_CPU_SPAN) < 0;
    }

    /** The guard page at the bottom of the first stack slot of {@code cpu}'s part of the arena. */
    public static long firstGuardPage(int cpu) {
        return STACK_ARENA + cpu * STACK_CPU_SPAN;
    }
}
