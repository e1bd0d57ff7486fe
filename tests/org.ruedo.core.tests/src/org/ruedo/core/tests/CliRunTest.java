package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    /** Shared by the tests: each example is built once, later runs reuse the image. */
    @TempDir
    static Path shared;

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

    /** A copy of kernel/examples/NAME (made once) whose manifest points at the repository's kernel. */
    private static synchronized Path example(String name) throws Exception {
        Path copy = shared.resolve(name);
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

    /** One in-process CLI call: exit code, stdout (serial, gdb line) and stderr (ruedo's messages). */
    record Cli(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Cli ruedo(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
            int line = Integer.parseInt(at.group(1));
            assertTrue(line >= 9 && line <= 20, "a line of main (9..20 in hello/main.c): " + line);

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

    @Test
    void debugRejectsBadOptionsBeforeBuildingOrStartingAnything() throws Exception {
        Path dir = shared.resolve("opts");
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
        Path dir = shared.resolve("gdbargs");
        Fixtures.appProject(dir, "gdbargs");
        String[][] cases = {
                { "-s", "-S" },
                { "--s" },
                { "-gdb", "tcp::1234" },
                { "--gdb=tcp:0.0.0.0:1234" },
                { "-cpu", "max", "-serial", "tcp::4444,server" },
                { "-monitor", "telnet:0.0.0.0:4444,server,nowait" },
                { "-chardev", "socket,id=c,port=4444,server=on", "-serial", "chardev:c" },
        };
        for (String[] qemuArgs : cases) {
            List<String> argv = new java.util.ArrayList<>(List.of("run", dir.toString(), "--timeout", "30", "--"));
            argv.addAll(List.of(qemuArgs));
            Cli r = ruedo(argv.toArray(String[]::new));
            assertEquals(2, r.code(), r.all());
            assertEquals("ruedo run: error: " + QemuCommand.userArgsError(List.of(qemuArgs)) + "\n", r.err());
            assertTrue(r.err().contains(" is refused: ") && r.err().contains("gdbstub is always bound to 127.0.0.1"), r.err());
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
            assertEquals("ruedo " + cmd + ": error: unikernel.toml:" + line + ": qemu-args: " + QemuCommand.userArgsError(List.of("-s"))
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
