package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.core.tests.Cli.ruedo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.cli.Main;
import org.ruedo.core.manifest.ManifestEditor;
import org.ruedo.core.qemu.QemuCommand;

/**
 * {@code ruedo run} and {@code ruedo debug} in-process against the shipped examples (copied, their kernel
 * pointed at the repository's kernel/): real gcc, real QEMU, real gdb. No QEMU or gdb is left running.
 */
class CliRunTest {
    /** This test's own directory (no state shared between tests: each builds its example copy itself). */
    @TempDir
    Path tmp;

    private List<Long> toolsBefore;

    @BeforeEach
    void recordProcesses() {
        toolsBefore = ourTools().map(ProcessHandle::pid).toList();
    }

    @AfterEach
    void nothingLeftRunning() throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        List<ProcessHandle> left = leftovers();
        while (!left.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            left = leftovers();
        }
        for (ProcessHandle h : left) {
            h.destroyForcibly();
            h.onExit().get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), left.stream().map(h -> h.info().commandLine().orElse("pid " + h.pid())).toList(),
                "the test left QEMU/gdb running (killed now)");
    }

    private List<ProcessHandle> leftovers() {
        return ourTools().filter(h -> !toolsBefore.contains(h.pid())).toList();
    }

    /** QEMU and gdb processes started by this JVM (directly or through a shell). */
    private static Stream<ProcessHandle> ourTools() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("qemu-system") || c.endsWith("/gdb")).orElse(false));
    }

    /** A copy of kernel/examples/NAME (made once per test) whose manifest points at the repository's kernel. */
    private Path example(String name) throws Exception {
        Path copy = tmp.resolve(name);
        if (Files.isDirectory(copy)) {
            return copy;
        }
        Path src = Fixtures.kernel().resolve("examples").resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName().toString()));
            }
        }
        Path toml = copy.resolve("unikernel.toml");
        Files.writeString(toml, new ManifestEditor(Files.readString(toml)).set("project", "kernel", Fixtures.kernel().toString()).text());
        return copy;
    }



    @Test
    void crashExitsHundredWithTheReportResolvedToTheFaultingLine() throws Exception {
        Path dir = example("crash");
        Cli r = ruedo("run", dir.toString(), "--timeout", "120");
        assertEquals(100, r.code(), r.all());
        assertTrue(r.out().contains("*** KERNEL PANIC on CPU 0: Page fault (#PF, vector 14)"), "the serial report: " + r.out());
        assertTrue(r.out().contains("<store_answer+0x"), "rip named by the kernel's symbol table: " + r.out());
        assertTrue(r.out().contains("*** END OF CRASH REPORT"), r.out());
        // main.c line 8 is "a->value = 42;"
        assertEquals("    a->value = 42;", Files.readAllLines(dir.resolve("main.c")).get(7));
        assertTrue(r.err().contains("ruedo: kernel crash on CPU 0: Page fault (#PF, vector 14) in store_answer at "
                + dir.resolve("main.c") + ":8"), "the summary resolved with addr2line: " + r.err());
        assertTrue(r.err().contains("exit code 100"), r.err());
        assertFalse(r.out().contains("not reached"), r.out());
    }

    @Test
    void cpusAndMemReachQemuAndTheGuest() throws Exception {
        Path dir = example("hello");
        Cli r = ruedo("run", dir.toString(), "--cpus", "2", "--mem", "64", "--timeout", "120");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains(" -m 64 -smp 2 -kernel " + dir.resolve("build/hello.img")), "the QEMU command line: " + r.err());
        assertTrue(r.out().contains("running on CPU 0 of 2"), "the guest's cpu_count(): " + r.out());
        Matcher free = Pattern.compile("Ruedo: 2 CPU\\(s\\), (\\d+) MiB free").matcher(r.out());
        assertTrue(free.find(), r.out());
        int mib = Integer.parseInt(free.group(1));
        assertTrue(mib > 0 && mib < 64, "the guest has less than 64 MiB free: " + mib);

        // the manifest's values apply without the options (hello: 1 CPU, 128 MiB)
        Cli d = ruedo("run", dir.toString(), "--timeout", "120");
        assertEquals(0, d.code(), d.all());
        assertTrue(d.err().contains(" -m 128 -smp 1 "), d.err());
        assertTrue(d.out().contains("running on CPU 0 of 1"), d.out());
    }

    @Test
    void debugPrintsAGdbCommandLineThatReachesMain() throws Exception {
        Path dir = example("hello");
        int port = QemuCommand.freeLoopbackPort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread cli = new Thread(() -> code.set(Main.run(new String[] { "debug", dir.toString(), "--port", Integer.toString(port) },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))), "ruedo-debug");
        cli.setDaemon(true);
        cli.start();
        Process gdb = null;
        ProcessHandle qemu = null;
        try {
            String gdbLine = null;
            long end = System.currentTimeMillis() + 180_000;       // includes the first build of the example
            while (gdbLine == null && cli.isAlive() && System.currentTimeMillis() < end) {
                gdbLine = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("target remote")).findFirst().orElse(null);
                Thread.sleep(50);
            }
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

    /** docs/CONTRACTS.md §4: {@code ruedo run hello -- -s -S} would make QEMU listen on 0.0.0.0:1234. */
    @Test
    void runRefusesQemuArgumentsThatOpenAGdbstubOrAnEndpointOffLoopback() throws Exception {
        Path dir = tmp.resolve("gdbargs");
        Fixtures.appProject(dir, "gdbargs");
        String gdbstub = "Ruedo's gdbstub is always bound to 127.0.0.1: use the gdbstub option instead (ruedo debug --port P; in a launch configuration, the Debugger tab's gdbstub port)";
        String bind = "bind it to 127.0.0.1 (e.g. tcp:127.0.0.1:4444,server=on,wait=off; -vnc 127.0.0.1:0; hostfwd=tcp:127.0.0.1:5555-:22). For a debugger, ";
        String s = "-s opens a gdbstub on every network interface (0.0.0.0:1234). ";
        String gdb = "-gdb opens a gdbstub Ruedo does not control. ";
        String[][] cases = {       // the QEMU arguments, then the message ruedo prints
                { "QEMU argument '-s' is refused: " + s + gdbstub, "-s", "-S" },
                { "QEMU argument '--s' is refused: " + s + gdbstub, "--s" },
                { "QEMU argument '-gdb' is refused: " + gdb + gdbstub, "-gdb", "tcp::1234" },
                { "QEMU argument '--gdb=tcp:0.0.0.0:1234' is refused: " + gdb + gdbstub, "--gdb=tcp:0.0.0.0:1234" },
                { "QEMU argument '-serial tcp::4444,server' is refused: its tcp endpoint has no host, so it listens on every "
                        + "network interface; " + bind + gdbstub, "-cpu", "max", "-serial", "tcp::4444,server" },
                { "QEMU argument '-monitor telnet:0.0.0.0:4444,server,nowait' is refused: its telnet endpoint is bound to '0.0.0.0', "
                        + "not to 127.0.0.1; " + bind + gdbstub, "-monitor", "telnet:0.0.0.0:4444,server,nowait" },
                { "QEMU argument '-chardev socket,id=c,port=4444,server=on' is refused: its socket endpoint has no host, so it "
                        + "listens on every network interface; " + bind + gdbstub, "-chardev", "socket,id=c,port=4444,server=on",
                        "-serial", "chardev:c" },
                // issue 12: after --cpus/--mem, a -smp/-m would override them unchecked (-m 1: a guest that hangs silently)
                { "QEMU argument '-smp 4' is refused: the CPU count comes from --cpus, [run] cpus or the launch's CPUs field (1..8, "
                        + "checked there); a -smp among the QEMU arguments would override it unchecked", "-smp", "4" },
                { "QEMU argument '-m 1' is refused: the guest memory comes from --mem, [run] memory or the launch's Memory field "
                        + "(16..4096 MiB, checked there); a -m among the QEMU arguments would override it unchecked", "-m", "1" },
        };
        for (String[] c : cases) {
            List<String> qemuArgs = List.of(c).subList(1, c.length);
            List<String> argv = new java.util.ArrayList<>(List.of("run", dir.toString(), "--cpus", "2", "--mem", "64", "--timeout", "30", "--"));
            argv.addAll(qemuArgs);
            Cli r = ruedo(argv.toArray(String[]::new));
            assertEquals(2, r.code(), r.all());
            assertEquals("ruedo run: error: " + c[0] + "\n", r.err());
            assertEquals("", r.out());
            assertEquals(List.of(), leftovers(), "no QEMU started");
        }
        assertTrue(ruedo("run", dir.toString(), "--", "-s").err().contains("QEMU argument '-s' is refused: -s opens a gdbstub on every "
                + "network interface (0.0.0.0:1234)"));
        assertFalse(Files.exists(dir.resolve("build")), "nothing built, no QEMU started");

        // the manifest's [run] qemu-args: file:line, for run and debug alike
        Path toml = dir.resolve("unikernel.toml");
        Files.writeString(toml, Files.readString(toml) + "[run]\nqemu-args = [\"-s\"]\n");
        int line = (int) Files.readString(toml).lines().count();
        for (String cmd : List.of("run", "debug")) {
            Cli r = ruedo(cmd, dir.toString());
            assertEquals(2, r.code(), r.all());
            assertEquals("ruedo " + cmd + ": error: unikernel.toml:" + line + ": qemu-args: QEMU argument '-s' is refused: " + s + gdbstub
                    + "\n", r.err());
        }
        assertFalse(Files.exists(dir.resolve("build")), "nothing built, no QEMU started");
    }

    @Test
    void helpListsEveryOption() {
        Cli top = ruedo("--help");
        assertEquals(0, top.code(), top.all());
        for (String o : List.of("build <project-dir> [--clean] [--jobs N] [--quiet]",
                "run   <project-dir> [--cpus N] [--mem MiB] [--timeout S] [--verbose] [-- qemu-args]",
                "debug <project-dir> [--cpus N] [--port P]", "-j (--jobs), -q (--quiet), -v (--verbose), -h (--help)")) {
            assertTrue(top.out().contains(o), o + " in: " + top.out());
        }
        Cli run = ruedo("run", "--help");
        assertEquals(0, run.code(), run.all());
        for (String o : List.of("--cpus N", "--mem MiB", "--timeout S", "--verbose", "-- qemu-args")) {
            assertTrue(run.out().contains("\n  " + o + " "), o + " in: " + run.out());
        }
        Cli debug = ruedo("debug", "-h");
        assertEquals(0, debug.code(), debug.all());
        assertTrue(debug.out().contains("\n  --cpus N ") && debug.out().contains("\n  --port P "), debug.out());
    }
}
