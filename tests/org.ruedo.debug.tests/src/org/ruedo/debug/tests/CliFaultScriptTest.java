package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.ruedo.tests.support.Projects.root;
import static org.ruedo.tests.support.Projects.copyTree;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.cli.Main;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.tests.support.ToolProcesses;

/**
 * The CLI side of "stop at the fault": the gdb line {@code ruedo debug} prints loads
 * {@code build/ruedo-fault.gdb}; pasted into a shell, {@code continue} on kernel/examples/crash stops at
 * the fault with the faulting frame selected, and {@code bt} shows it at its source line.
 */
class CliFaultScriptTest {
    @TempDir
    Path tmp;
    private ToolProcesses tools;

    @BeforeEach
    void record() {
        tools = ToolProcesses.record();
    }

    @AfterEach
    void noneLeft() throws Exception {
        tools.assertNoneLeft();
    }

    @Test
    void theGdbLineStopsAtTheFaultingLine() throws Exception {
        Path dir = tmp.resolve("crash");
        copyTree(root().resolve("kernel/examples/crash"), dir);
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml"))
                .replace("kernel = \"../..\"", "kernel = \"" + root().resolve("kernel") + "\""));
        int port = QemuCommand.freeLoopbackPort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread cli = new Thread(() -> code.set(Main.run(new String[] { "debug", dir.toString(), "--port", Integer.toString(port) },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))), "ruedo-debug");
        cli.setDaemon(true);
        cli.start();
        String line = null;
        long end = System.currentTimeMillis() + 180_000;      // includes the build
        while (line == null && cli.isAlive() && System.currentTimeMillis() < end) {
            line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("target remote")).findFirst().orElse(null);
            Thread.sleep(20);
        }
        assertNotNull(line, "no gdb line:\n" + out + err);
        Path script = dir.resolve("build/ruedo-fault.gdb");
        assertTrue(line.contains(" -x " + script + " "), line);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("in your own gdb: source " + script), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(script).contains("\nbreak ruedo_fault_hook\n"), Files.readString(script));

        // the line stops at main; one more continue stops at the fault; then bt, and the run ends from gdb
        Process gdb = new ProcessBuilder("bash", "-c", line + " -batch -ex continue -ex bt -ex 'info args' -ex kill")
                .redirectErrorStream(true).start();
        gdb.getOutputStream().close();
        String text = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gdb.waitFor(120, TimeUnit.SECONDS), text);
        assertTrue(text.contains("\nruedo: stopped at the fault: page fault (write to 0x0000000000000000)\n"), text);
        String main = dir.resolve("main.c").toString();
        // the selected frame, printed by the script: store_answer at the NULL write
        assertTrue(text.contains(" in store_answer (a=0x0) at " + main + ":8\n8\t    a->value = 42;\n"), text);
        assertTrue(text.matches("(?s).*\n#3  0x\\p{XDigit}+ in store_answer \\(a=0x0\\) at \\Q" + main + "\\E:8\n#4 .*"), "bt: " + text);
        assertTrue(text.contains("\na = 0x0\n"), "info args in the selected frame: " + text);
        cli.join(30_000);
        assertEquals(103, code.get(), "killed from gdb: " + err);
    }
}
