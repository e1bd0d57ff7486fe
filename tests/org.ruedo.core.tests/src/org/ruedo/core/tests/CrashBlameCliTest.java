package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.cli.Main;
import org.ruedo.tests.support.KernelTestApps;
import org.ruedo.tests.support.Projects;

/**
 * Issue 12 "Blame": the one-line summary {@code ruedo run} prints for a crash names the culprit's line, for
 * the two cases where the kernel's first frame is not the faulting instruction: a panic (frames start at
 * {@code #1}, a return address) and a call through a NULL function pointer (frame {@code #0} is {@code ?},
 * the caller is the return address at RSP). Real gcc, real QEMU, the app's default flags; the expected lines
 * are literals from the fixture sources.
 */
class CrashBlameCliTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftRunning() throws Exception {
        List<ProcessHandle> qemus = ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.contains("qemu-system")).orElse(false)).toList();
        for (ProcessHandle h : qemus) {
            h.onExit().get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("qemu-system")).orElse(false)).map(ProcessHandle::pid).toList(),
                "QEMU outlived ruedo run");
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli run(String name, String mainC) throws Exception {
        Path app = Projects.app(dir.resolve(name), name, Projects.kernel().toString(), mainC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] { "run", app.toString(), "--timeout", "120" },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The "ruedo: kernel crash ..." line of stderr. */
    private static String summary(Cli r) {
        return r.err().lines().filter(l -> l.startsWith("ruedo: kernel crash")).findFirst().orElse("no summary line in: " + r.err());
    }

    @Test
    void panicIsBlamedOnTheLineThatCalledPanic() throws Exception {
        Cli r = run("panics", KernelTestApps.PANICS_AT_LINE_7);
        assertEquals(100, r.code(), r.out() + r.err());
        Path main = dir.resolve("panics/main.c");
        assertEquals("        panic(\"fixture: deliberate panic %d\", 42);", Files.readAllLines(main).get(6), "line 7 of the fixture");
        assertTrue(r.out().contains("reason: panic: fixture: deliberate panic 42"), r.out());
        assertTrue(r.out().contains("  #1 0x"), "a panic's backtrace starts at #1: " + r.out());
        assertFalse(r.out().contains("  #0 0x"), "no CPU frame for a panic: " + r.out());
        assertEquals("ruedo: kernel crash on CPU 0: fixture: deliberate panic 42 in main at " + main + ":7", summary(r), r.out());
    }

    @Test
    void nullFunctionPointerCallIsBlamedOnTheCallingLine() throws Exception {
        Cli r = run("nullcall", KernelTestApps.CALLS_NULL_AT_LINE_5);
        assertEquals(100, r.code(), r.out() + r.err());
        Path main = dir.resolve("nullcall/main.c");
        assertEquals("    hook();", Files.readAllLines(main).get(4), "line 5 of the fixture");
        assertTrue(r.out().contains("reason: page fault (execute at 0x0000000000000000)"), r.out());
        assertTrue(r.out().contains("(return address at rsp)"), r.out());
        assertEquals("ruedo: kernel crash on CPU 0: Page fault (#PF, vector 14) in fire at " + main + ":5", summary(r), r.out());
    }
}
