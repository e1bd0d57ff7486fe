package org.ruedo.core.toolchain;

/** The external programs Ruedo runs, with the Debian package that provides each. */
public enum Tool {
    GCC("gcc", "gcc"),
    AS("as", "binutils"),
    LD("ld", "binutils"),
    OBJCOPY("objcopy", "binutils"),
    NM("nm", "binutils"),
    ADDR2LINE("addr2line", "binutils"),
    QEMU("qemu-system-x86_64", "qemu-system-x86"),
    GDB("gdb", "gdb"),
    QEMU_IMG("qemu-img", "qemu-utils"),     // the snapshot image of a recording (Recording)
    GRUB_MKRESCUE("grub-mkrescue", "grub-pc-bin grub-common"),
    XORRISO("xorriso", "xorriso");

    private final String command;
    private final String debianPackage;

    Tool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    /** Program name searched on PATH. */
    public String command() {
        return command;
    }

    /** Debian package(s) to install when it is missing. */
    public String debianPackage() {
        return debianPackage;
    }

    /** Preference key the IDE stores an explicit path under (node {@code org.ruedo.core}). */
    public String preferenceKey() {
        return "tool." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
