package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.tests.support.ToolProcesses;

/**
 * docs/CONTRACTS.md §4: no QEMU or gdb outlives what started it, however that dies. Each test SIGKILLs the
 * starter (the {@code ./ruedo} JVM running {@code run} or {@code debug}, or a second workbench runtime in a
 * debug session) and checks by pid, in /proc, that its QEMU (and gdb) are dead within 2 s.
 */
class ParentDeathTest extends FaultTestBase {
    private static final long DEATH_MS = 2_000;

    @Test
    void cliRunKilled() throws Exception {
        Path dir = Fixtures.app(tmp.resolve("spin"), "spin", Fixtures.kernel().toString(), Fixtures.SPIN);
        Cli cli = Cli.start("run", dir.toString());
        try {
            Fixtures.waitFor(() -> cli.output().contains("spinning"), 300, "the guest's output: " + cli.output());
            long qemu = cli.onlyQemu();
            assertTrue(cmdline(qemu).contains("\0-kernel\0" + dir.resolve("build/spin.img") + "\0"), cmdline(qemu));
            cli.kill9();
            assertDeadWithin(qemu, "QEMU of the killed ruedo run");
        } finally {
            cli.cleanUp();
        }
    }

    @Test
    void cliDebugKilled() throws Exception {
        Path dir = Fixtures.app(tmp.resolve("spind"), "spind", Fixtures.kernel().toString(), Fixtures.SPIN);
        Cli cli = Cli.start("debug", dir.toString());
        try {
            Fixtures.waitFor(() -> cli.output().contains("target remote 127.0.0.1:"), 300, "the gdb line: " + cli.output());
            Matcher m = Pattern.compile("target remote 127\\.0\\.0\\.1:(\\d+)").matcher(cli.output());
            assertTrue(m.find(), cli.output());
            int port = Integer.parseInt(m.group(1));
            long qemu = cli.onlyQemu();
            assertTrue(cmdline(qemu).contains("\0-gdb\0tcp:127.0.0.1:" + port + "\0"), cmdline(qemu));
            assertTrue(QemuCommand.portInUse(port), "QEMU listens on the printed port");
            cli.kill9();
            assertDeadWithin(qemu, "QEMU of the killed ruedo debug");
            Fixtures.waitFor(() -> !QemuCommand.portInUse(port), 10, "nothing listens on the gdbstub port any more");
        } finally {
            cli.cleanUp();
        }
    }

    /**
     * A second test runtime ({@link DebugSessionHolder}: the same OSGi workbench as this one, started with this JVM's own
     * command line) starts a debug session from a thread that ends, and is SIGKILLed while suspended at main.
     */
    @Test
    void workbenchKilledDuringADebugSession() throws Exception {
        Path work = tmp.resolve("holder");
        Fixtures.app(work.resolve("spin"), "spin", Fixtures.kernel().toString(), Fixtures.SPIN);
        List<String> argv = childRuntime(work);
        Path log = work.resolve("child.log");
        Process child = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path pids = work.resolve("pids");
            Fixtures.waitFor(() -> Files.exists(pids) || !child.isAlive(), 600, "the child workbench's debug session");
            assertTrue(child.isAlive(), () -> "the child workbench ended early:\n" + read(log));
            String[] p = Files.readString(pids).trim().split(" ");
            long qemu = Long.parseLong(p[0]);
            long gdb = Long.parseLong(p[1]);
            assertTrue(cmdline(qemu).contains("\0-S\0-gdb\0tcp:127.0.0.1:"), cmdline(qemu));
            assertTrue(cmdline(gdb).contains("\0-i=mi2\0"), cmdline(gdb));
            assertFalse(ToolProcesses.dead(qemu) || ToolProcesses.dead(gdb), "both run before the kill");
            child.destroyForcibly();        // SIGKILL: no shutdown hook, no bundle stop
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            assertDeadWithin(qemu, "QEMU of the killed workbench");
            assertDeadWithin(gdb, "gdb of the killed workbench");
        } finally {
            if (child.isAlive()) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
            }
        }
    }

    /** This test runtime's command line, with its own workspace, configuration area and test list: DebugSessionHolder only. */
    private static List<String> childRuntime(Path work) throws IOException {
        List<String> self = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        self.addAll(List.of(ProcessHandle.current().info().arguments().orElseThrow()));
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < self.size(); i++) {
            String a = self.get(i);
            if (i + 1 < self.size() && List.of("-data", "-configuration", "-testproperties").contains(a)) {
                String v = self.get(++i);
                argv.add(a);
                switch (a) {
                    case "-data" -> argv.add(work.resolve("data").toString());
                    case "-configuration" -> {
                        Path conf = Files.createDirectories(work.resolve("configuration"));
                        Files.copy(Path.of(v, "config.ini"), conf.resolve("config.ini"));
                        argv.add(conf.toString());
                    }
                    default -> {
                        StringBuilder props = new StringBuilder("__provider.tc.0=" + DebugSessionHolder.class.getName() + "\n");
                        for (String line : Files.readAllLines(Path.of(v))) {
                            if (!line.startsWith("__provider.tc.") && !line.startsWith("reportsdirectory=")) {
                                props.append(line).append('\n');
                            }
                        }
                        props.append("reportsdirectory=").append(work.resolve("reports")).append('\n');
                        Path f = work.resolve("surefire.properties");
                        Files.writeString(f, props);
                        argv.add(f.toString());
                    }
                }
            } else {
                argv.add(a);
                if (i == 0) {
                    argv.add("-Druedo.holder=" + work);
                }
            }
        }
        return argv;
    }

    private static void assertDeadWithin(long pid, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEATH_MS);
        while (!ToolProcesses.dead(pid) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        boolean dead = ToolProcesses.dead(pid);
        if (!dead) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertTrue(dead, what + " (pid " + pid + ") still ran " + DEATH_MS + " ms after the kill (killed now)");
    }

    /** {@code /proc/PID/cmdline}: the argv the kernel holds for the process, NUL-separated (with a NUL at the end). */
    static String cmdline(long pid) throws IOException {
        return "\0" + new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The repository's {@code ./ruedo} as a user starts it, its output collected. */
    private record Cli(Process p, StringBuffer out) {
        static Cli start(String... args) throws IOException {
            List<String> argv = new ArrayList<>(List.of(Fixtures.kernel().getParent().resolve("ruedo").toString()));
            argv.addAll(List.of(args));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            StringBuffer out = new StringBuffer();
            Thread t = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    byte[] b = new byte[4096];
                    int n;
                    while ((n = in.read(b)) > 0) {
                        out.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // ended
                }
            }, "ruedo-cli-output");
            t.setDaemon(true);
            t.start();
            return new Cli(p, out);
        }

        String output() {
            return out.toString();
        }

        /** The one QEMU under the CLI (the script exec'd the JVM, which started QEMU). */
        long onlyQemu() throws Exception {
            Fixtures.waitFor(() -> qemus().size() == 1, 30, "one QEMU under ruedo");
            return qemus().get(0);
        }

        private List<Long> qemus() {
            return p.descendants().filter(h -> h.info().command().orElse("").endsWith("qemu-system-x86_64")).map(ProcessHandle::pid)
                    .toList();
        }

        /** SIGKILL of the ruedo JVM itself (the pid of the script, which exec'd java). */
        void kill9() throws Exception {
            assertTrue(p.info().command().orElse("").endsWith("/java"), "the script exec'd the JVM: " + p.info().command());
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
        }

        void cleanUp() {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
