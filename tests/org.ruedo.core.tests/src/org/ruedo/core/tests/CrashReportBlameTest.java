package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.qemu.CrashReport;

/**
 * Which line {@link CrashReport#summary()} blames, on reports captured from kernel/tests/faults (cases
 * {@code panic}, {@code exec_data}): frame {@code #0} (the faulting RIP) is looked up as is, every other
 * frame at return address - 1, and {@code ?} frames are skipped. addr2line is a script here that records the
 * addresses it is asked and answers what binutils answered for them on that ELF, including the line it gives
 * for a data address; the real addr2line and kernel are in {@link CrashBlameCliTest}.
 */
class CrashReportBlameTest {
    @TempDir
    Path dir;

    private static final String PANIC = """
            *** KERNEL PANIC on CPU 0: faults: deliberate panic 7
            reason: panic: faults: deliberate panic 7
            backtrace:
              #1 0x0000000000104e5f main+0x5f0
              #2 0x00000000001017bc kmain+0xa9
              #3 0x00000000001000e5 _start64+0x2a
            *** END OF CRASH REPORT
            """;

    private static final String EXEC_DATA = """
            *** KERNEL PANIC on CPU 0: Page fault (#PF, vector 14)
            reason: page fault (execute at 0x00000000001090c0, page protection)
            error code: 0x0000000000000011   cr2: 0x00000000001090c0
            rip: 0x00000000001090c0 <?>
            rax=0x0000000000000000 rbx=0x00000000001859c0 rcx=0x0000000000000000 rdx=0x0000000000000000
            rflags=0x46 cs=0x8 ss=0x10
            backtrace:
              #0 0x00000000001090c0 ?
              #1 0x000000000010468f exec_data+0x8 (return address at rsp)
              #2 0x0000000000104c2c main+0x3bd
              #3 0x00000000001017bc kmain+0xa9
              #4 0x00000000001000e5 _start64+0x2a
            *** END OF CRASH REPORT
            """;

    /** An addr2line that appends its address arguments to asked.txt and prints {@code answers} (-f format). */
    private Path addr2line(String answers) throws Exception {
        Path out = dir.resolve("answers.txt");
        Files.writeString(out, answers);
        Path s = dir.resolve("addr2line");
        Files.writeString(s, "#!/bin/sh\nshift 3\necho \"$@\" >> '" + dir.resolve("asked.txt") + "'\ncat '" + out + "'\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
        return s;
    }

    private String asked() throws Exception {
        return Files.readString(dir.resolve("asked.txt")).strip();
    }

    @Test
    void panicFramesAreReturnAddressesLookedUpMinusOne() throws Exception {
        CrashReport c = CrashReport.find("boot\n" + PANIC);
        assertEquals(List.of(1, 2, 3), c.backtrace().stream().map(CrashReport.Frame::number).toList());
        assertEquals(0x104e5eL, c.backtrace().get(0).lookupAddress());
        CrashReport r = c.resolve(addr2line("""
                main
                /src/faults/main.c:263
                kmain
                /src/kernel/kmain.c:61
                _start64
                /src/kernel/arch/x86_64/boot.S:120
                """), dir.resolve("faults.elf"));
        assertEquals("0x104e5e 0x1017bb 0x1000e4", asked());
        assertEquals("kernel crash on CPU 0: faults: deliberate panic 7 in main at /src/faults/main.c:263", r.summary());
    }

    @Test
    void aQuestionMarkFrameIsSkippedForTheReturnAddressAtRsp() throws Exception {
        CrashReport c = CrashReport.find(EXEC_DATA);
        assertEquals(0x1090c0L, c.rip());
        assertEquals(List.of(0, 1, 2, 3, 4), c.backtrace().stream().map(CrashReport.Frame::number).toList());
        // binutils names a line for the data address (the nearest line-table entry): it must not be blamed
        CrashReport r = c.resolve(addr2line("""
                gdt_ptr
                /src/faults/main.c:99
                exec_data
                /src/faults/main.c:113
                main
                /src/faults/main.c:216
                kmain
                /src/kernel/kmain.c:61
                _start64
                /src/kernel/arch/x86_64/boot.S:120
                """), dir.resolve("faults.elf"));
        assertEquals("0x1090c0 0x10468e 0x104c2b 0x1017bb 0x1000e4", asked());
        assertEquals("/src/faults/main.c:113", r.firstSourceFrame().file() + ":" + r.firstSourceFrame().line());
        assertEquals("kernel crash on CPU 0: Page fault (#PF, vector 14) in exec_data at /src/faults/main.c:113", r.summary());
    }

    @Test
    void withoutAnySymbolTheFirstResolvedFrameIsStillNamed() throws Exception {
        CrashReport c = CrashReport.find("""
                *** KERNEL PANIC on CPU 1: Invalid opcode (#UD, vector 6)
                rip: 0x0000000000104000 <?>
                backtrace:
                  #0 0x0000000000104000 ?
                *** END OF CRASH REPORT
                """);
        CrashReport r = c.resolve(addr2line("""
                ??
                /src/main.c:12
                """), dir.resolve("x.elf"));
        assertEquals("0x104000", asked());
        assertEquals("kernel crash on CPU 1: Invalid opcode (#UD, vector 6) in ? at /src/main.c:12", r.summary());
    }
}
