package org.ruedo.core.qemu;

import java.nio.file.Path;
import java.util.List;

/** gdb command lines: the MI one the IDE drives, and the one a person types to attach by hand. */
public final class GdbCommand {
    private GdbCommand() {
    }

    /** {@code gdb -q -nx -i=mi2 <elf>}: loading the 64-bit ELF first makes gdb use i386:x86-64 from the start. */
    public static List<String> mi(Path gdb, Path elf) {
        return List.of(gdb.toString(), "-q", "-nx", "-i=mi2", elf.toString());
    }

    /** The interactive command to attach to a gdbstub on 127.0.0.1:port. */
    public static List<String> interactive(Path gdb, Path elf, int port) {
        return interactive(gdb, elf, port, null, null);
    }

    /**
     * The same, loading the kernel's gdb script first when it exists ({@code kernel/debug/ruedo-gdb.py}:
     * the {@code ruedo-threads} command, docs/CONTRACTS.md §8), and a gdb {@code script} (e.g. the
     * stop-at-the-fault one, §5.2) before the first continue; either may be null.
     */
    public static List<String> interactive(Path gdb, Path elf, int port, Path kernelDir, Path script) {
        List<String> a = new java.util.ArrayList<>(List.of(gdb.toString(), "-q", elf.toString(), "-ex", "set architecture i386:x86-64",
                // the frozen guest's RAM is still empty when gdb connects: read code from the ELF, so that
                // 'break main' is placed after the prologue (as in the IDE's session, StartupSequence)
                "-ex", "set trust-readonly-sections on"));
        Path threads = kernelDir == null ? null : kernelDir.resolve("debug/ruedo-gdb.py");
        if (threads != null && java.nio.file.Files.isRegularFile(threads)) {
            a.addAll(List.of("-x", threads.toString()));
        }
        a.addAll(List.of("-ex", "target remote 127.0.0.1:" + port, "-ex", "break main"));
        if (script != null) {
            a.addAll(List.of("-x", script.toString()));
        }
        a.addAll(List.of("-ex", "continue"));
        return List.copyOf(a);
    }

    /**
     * The interactive command to attach to a replay on 127.0.0.1:port: a breakpoint at the kernel's fault
     * hook and no continue, so the guest stays at the recording's first instruction and {@code continue}
     * stops at the crash, where {@code reverse-stepi}/{@code reverse-next} step back from it.
     */
    public static List<String> replay(Path gdb, Path elf, int port) {
        return List.of(gdb.toString(), "-q", elf.toString(), "-ex", "set architecture i386:x86-64",
                "-ex", "target remote 127.0.0.1:" + port, "-ex", "break ruedo_fault_hook");
    }
}
