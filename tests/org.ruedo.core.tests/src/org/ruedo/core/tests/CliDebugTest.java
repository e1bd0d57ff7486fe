package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.core.tests.Cli.ruedo;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.tests.support.CliDebugRun;

/**
 * {@code ruedo debug} in-process against the shipped examples (copied, their kernel pointed at the
 * repository's kernel/): real gcc, real QEMU, real gdb. No QEMU or gdb is left running.
 */
class CliDebugTest extends CliExampleTestBase {
    @Test
    void debugPrintsAGdbCommandLineThatReachesMain() throws Exception {
        Path dir = example("hello");
        int port = QemuCommand.freeLoopbackPort();
        CliDebugRun run = CliDebugRun.start(dir, port);
        ByteArrayOutputStream out = run.out;
        ByteArrayOutputStream err = run.err;
        AtomicInteger code = run.code;
        Thread cli = run.thread;
        Process gdb = null;
        ProcessHandle qemu = null;
        try {
            String gdbLine = run.gdbLine();                         // waits through the first build of the example
            assertNotNull(gdbLine, () -> "no gdb command line printed:\n" + out + err);
            assertTrue(gdbLine.contains(" " + dir.resolve("build/hello.elf") + " "), "names the ELF: " + gdbLine);
            assertTrue(gdbLine.contains("'target remote 127.0.0.1:" + port + "'"), gdbLine);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(" -S -gdb tcp:127.0.0.1:" + port), "QEMU frozen with the stub: " + err);
            Optional<ProcessHandle> q = ProcessHandle.current().descendants()
                    .filter(h -> h.info().commandLine().map(c -> c.contains("qemu-system") && c.contains("tcp:127.0.0.1:" + port))
                            .orElse(false))
                    .findFirst();
            assertTrue(q.isPresent(), "QEMU is running");
            qemu = q.get();

            // the printed line, pasted into a shell as a person would, in batch mode: stops at main, then kills the guest
            gdb = new ProcessBuilder("bash", "-c", gdbLine + " -batch -ex 'info line *$pc' -ex kill")
                    .redirectErrorStream(true).start();
            gdb.getOutputStream().close();
            boolean done = gdb.waitFor(120, TimeUnit.SECONDS);
            String gdbOut = new String(gdb.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
            assertTrue(done, "gdb finished: " + gdbOut);
            assertTrue(gdbOut.contains("Breakpoint 1, main () at " + dir.resolve("main.c")), "reached main: " + gdbOut);
            Matcher at = Pattern.compile("Line (\\d+) of \"" + Pattern.quote(dir.resolve("main.c").toString())
                    + "\" starts at address 0x\\p{XDigit}+ <main(\\+\\d+)?>").matcher(gdbOut);
            assertTrue(at.find(), "the pc is in main: " + gdbOut);
            // the line "break main" resolves to in this ELF, asked of gdb on the file alone (no QEMU, no ruedo): 10 or 11
            // of hello/main.c depending on the C flags (a stack-clash probe in the prologue keeps gdb on line 10)
            Process query = new ProcessBuilder("gdb", "-q", "-nx", "-batch", "-ex", "break main", dir.resolve("build/hello.elf").toString())
                    .redirectErrorStream(true).start();
            String bp = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(query.waitFor(60, TimeUnit.SECONDS), bp);
            Matcher bl = Pattern.compile("Breakpoint 1 at 0x\\p{XDigit}+: file " + Pattern.quote(dir.resolve("main.c").toString())
                    + ", line (\\d+)\\.").matcher(bp);
            assertTrue(bl.find(), bp);
            assertEquals(Integer.parseInt(bl.group(1)), Integer.parseInt(at.group(1)), "stopped where break main is: " + gdbOut);
            assertTrue(gdbOut.contains("Breakpoint 1, main () at " + dir.resolve("main.c") + ":" + bl.group(1) + "\n"), gdbOut);

            // the guest was killed from gdb: QEMU is gone and ruedo debug returned
            assertTrue(qemu.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).get() != null, "QEMU pid " + qemu.pid() + " gone");
            assertFalse(qemu.isAlive());
            cli.join(20_000);
            assertFalse(cli.isAlive(), "ruedo debug returned when QEMU ended");
            // gdb's kill makes QEMU say "Terminated via GDBstub" and exit 0: a kill (103), not a guest reset (docs/CONTRACTS.md §4)
            assertEquals(103, code.get(), err.toString(StandardCharsets.UTF_8));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("ruedo: guest killed from gdb"), err.toString(StandardCharsets.UTF_8));
        } finally {
            if (gdb != null && gdb.isAlive()) {
                gdb.descendants().forEach(ProcessHandle::destroyForcibly);
                gdb.destroyForcibly();
            }
            if (qemu != null && qemu.isAlive()) {
                qemu.destroyForcibly();
            }
        }
    }

    /**
     * Issue 12: a port picked free (gdbPort(0)) may be taken by another process before QEMU binds it. QEMU then fails
     * with "Address already in use" and another port is picked; the one returned is the one QEMU listens on.
     */
    @Test
    void aPickedGdbstubPortTakenBeforeQemuBindsItIsPickedAgain() throws Exception {
        Path dir = example("hello");
        assertEquals(0, ruedo("build", dir.toString(), "--quiet").code());
        QemuCommand qc = new QemuCommand().qemu(org.ruedo.core.toolchain.Toolchain.fromPath().require(org.ruedo.core.toolchain.Tool.QEMU))
                .image(dir.resolve("build/hello.img")).frozen(true).gdbPort(0);
        int picked = qc.gdbPort();
        Process qemu = null;
        try (ServerSocket thief = new ServerSocket(picked, 1, InetAddress.getLoopbackAddress())) {     // someone else's bind in the window
            qemu = org.ruedo.core.qemu.QemuStart.start(qc, dir);
            assertTrue(qemu.isAlive(), "QEMU runs: " + QemuCommand.display(qc.build()));
            assertTrue(qc.gdbPort() != picked, "another port: " + qc.gdbPort());
            String cmdline = new String(Files.readAllBytes(Path.of("/proc/" + qemu.pid() + "/cmdline")), StandardCharsets.UTF_8);
            assertTrue(cmdline.contains("\0-gdb\0tcp:127.0.0.1:" + qc.gdbPort() + "\0"), cmdline);
            // the stub answers on that port at once (the start returned only once QEMU listened): '?' gets an ack and a stop reply
            try (java.net.Socket gdb = new java.net.Socket(InetAddress.getLoopbackAddress(), qc.gdbPort())) {
                gdb.getOutputStream().write("$?#3f".getBytes(StandardCharsets.US_ASCII));
                gdb.setSoTimeout(60_000);
                byte[] reply = new byte[6];
                int n = 0;
                while (n < reply.length) {
                    int k = gdb.getInputStream().read(reply, n, reply.length - n);
                    assertTrue(k > 0, "the stub closed the connection");
                    n += k;
                }
                assertEquals("+$T05", new String(reply, 0, 5, StandardCharsets.US_ASCII), new String(reply, StandardCharsets.US_ASCII));
            }
        } finally {
            if (qemu != null) {
                qemu.destroyForcibly();
                qemu.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void debugRejectsBadOptionsBeforeBuildingOrStartingAnything() throws Exception {
        Path dir = tmp.resolve("opts");
        Fixtures.appProject(dir, "opts");
        for (String[] bad : new String[][] { { "--cpus", "99" }, { "--cpus", "0" }, { "--port", "70000" }, { "--port", "0x10" } }) {
            Cli r = ruedo("debug", dir.toString(), bad[0], bad[1]);
            assertEquals(2, r.code(), r.all());
            assertTrue(r.err().startsWith("ruedo debug: " + bad[0]), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertEquals("ruedo debug: --cpus must be 1..8\n", ruedo("debug", dir.toString(), "--cpus", "99").err());
        assertEquals("ruedo debug: --port must be 1..65535 (or 0 for a free one)\n",
                ruedo("debug", dir.toString(), "--port", "70000").err());
        // a port something already listens on: said before the build
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli r = ruedo("debug", dir.toString(), "--port", Integer.toString(busy.getLocalPort()));
            assertEquals(2, r.code(), r.all());
            assertTrue(r.err().contains("port " + busy.getLocalPort() + " on 127.0.0.1 is already in use"), r.err());
        }
        Cli run = ruedo("run", dir.toString(), "--cpus", "99");
        assertEquals(2, run.code(), run.all());
        assertEquals("ruedo run: --cpus must be 1..8\n", run.err());
        assertFalse(Files.exists(dir.resolve("build")), "nothing built, no QEMU started");
    }
}
