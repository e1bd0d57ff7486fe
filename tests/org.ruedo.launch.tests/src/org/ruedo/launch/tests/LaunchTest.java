package org.ruedo.launch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.internal.QemuProcess;
import org.ruedo.tests.support.ToolProcesses;

/** The "Unikernel (QEMU)" launch type with the real kernel, real QEMU. */
class LaunchTest {
    @TempDir
    Path tmp;
    private ILaunch launch;
    private ToolProcesses tools;

    @BeforeEach
    void recordProcesses() {
        tools = ToolProcesses.record();
    }

    /** Ends the launches; no QEMU started by the test may stay (checked by pid). */
    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (launch != null && !launch.isTerminated()) {
                launch.terminate();
            }
            tools.assertNoneLeft();
        } finally {
            // let an auto-build finish before the temporary project directories are deleted
            org.eclipse.core.runtime.jobs.Job.getJobManager().join(org.eclipse.core.resources.ResourcesPlugin.FAMILY_AUTO_BUILD, null);
            for (IProject p : org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
                p.delete(false, true, null);
            }
        }
    }

    private static IProject example(String name) throws Exception {
        return Workspace.project("ex-" + name, Workspace.root().resolve("kernel/examples/" + name));
    }

    @Test
    void helloPrintsAndExitsZero() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "hello run");
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 60);
        QemuProcess q = (QemuProcess) p;
        assertEquals("hello run", p.getLabel(), "console named after the launch");
        assertTrue(q.serialText().contains("\nhello from Ruedo"), q.serialText());
        assertEquals(0, p.getExitValue());
        assertEquals("3", p.getAttribute(LaunchConstants.PROC_QEMU_STATUS), "isa-debug-exit byte 1 -> QEMU status 3");
    }

    /**
     * The console's first line is the command QEMU runs: compared with the argv the kernel holds for the QEMU pid
     * ({@code /proc/PID/cmdline}, an independent source) and with the literal options a default launch gives.
     */
    @Test
    void consoleStartsWithTheCommandLineQemuRuns() throws Exception {
        Path dir = Workspace.appProject(tmp.resolve("spincmd"), "spincmd", SPIN);
        launch = Workspace.config(Workspace.project("spincmd", dir), "spin cmdline").launch(ILaunchManager.RUN_MODE, null);
        QemuProcess p = (QemuProcess) launch.getProcesses()[0];
        Workspace.waitFor(() -> p.serialText().contains("spinning"), 120, "guest output");
        long pid = p.osProcess().pid();
        String[] argv = new String(java.nio.file.Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")),
                java.nio.charset.StandardCharsets.UTF_8).split("\0");
        String exe = java.nio.file.Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString();
        assertEquals(java.util.List.of(exe, "-nodefaults", "-display", "none", "-no-reboot", "-serial", "stdio", "-device",
                "isa-debug-exit,iobase=0xf4,iosize=0x04", "-m", "128", "-smp", "1", "-kernel", dir.resolve("build/spincmd.img").toString(),
                "-qmp"), java.util.List.of(argv).subList(0, Math.min(argv.length, 16)), "QEMU's argv (a new launch's defaults: 1 CPU, 128 MiB)");
        assertEquals(17, argv.length, String.join(" ", argv));
        assertTrue(argv[16].matches("unix:/\\S+,server=on,wait=off"), "QMP on a Unix socket: " + argv[16]);
        assertEquals(String.join(" ", argv), p.serialText().lines().findFirst().orElse(""), "the console's first line");
        assertTrue(exe.endsWith("/qemu-system-x86_64"), exe);
    }

    private static final String SPIN = """
            #include <ruedo.h>
            int main(void)
            {
                printk("spinning\\n");
                for (;;)
                    thread_sleep(50);
            }
            """;

    @Test
    void multicoreRunsOnFourCpus() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("multicore"), "multicore run");
        wc.setAttribute(LaunchConstants.ATTR_CPUS, 4);
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 120);
        String out = ((QemuProcess) p).serialText();
        assertTrue(out.contains("-smp 4"), out);
        for (int cpu = 0; cpu < 4; cpu++) {
            assertTrue(out.contains("hello from CPU " + cpu), "a thread on CPU " + cpu + ": " + out);
        }
        assertFalse(out.contains("hello from CPU 4"), out);
        assertTrue(out.contains("1000 rallies"), out);
        assertEquals(0, p.getExitValue());
    }

    @Test
    void inKernelTestSuitePassesOnOneCpu() throws Exception {
        inKernelTestSuitePasses(1);
    }

    @Test
    void inKernelTestSuitePassesOnTwoCpus() throws Exception {
        inKernelTestSuitePasses(2);
    }

    @Test
    void inKernelTestSuitePassesOnFourCpus() throws Exception {
        inKernelTestSuitePasses(4);
    }

    private void inKernelTestSuitePasses(int cpus) throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(
                Workspace.project("ktests", Workspace.root().resolve("kernel/tests")), "ktests " + cpus);
        wc.setAttribute(LaunchConstants.ATTR_CPUS, cpus);
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 180);
        String out = ((QemuProcess) p).serialText().replace("\r", "");
        // the suite announces its case count (one per KTEST definition); every one of them passed (or was skipped), none failed
        java.util.regex.Matcher announced = java.util.regex.Pattern.compile("(?m)^ktest: (\\d+) test case\\(s\\) on " + cpus + " CPU\\(s\\)$")
                .matcher(out);
        assertTrue(announced.find(), out);
        int cases = Integer.parseInt(announced.group(1));
        assertTrue(cases >= 20, "the suite has its cases: " + cases);
        java.util.regex.Matcher summary = java.util.regex.Pattern.compile("(?m)^(\\d+) passed, 0 failed(?:, (\\d+) skipped)?$").matcher(out);
        assertTrue(summary.find(), out);
        int skipped = summary.group(2) == null ? 0 : Integer.parseInt(summary.group(2));
        assertEquals(cases, Integer.parseInt(summary.group(1)) + skipped, "passed + skipped = announced: " + out);
        assertFalse(out.contains("[ FAIL ]"), out);
        assertEquals(0, p.getExitValue(), out);
    }

    @Test
    void crashEndsTheLaunchWithTheReport() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("crash"), "crash run");
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 30);
        assertEquals(100, p.getExitValue(), "panic exit code");
        String report = p.getAttribute(LaunchConstants.PROC_CRASH_REPORT);
        assertNotNull(report);
        assertTrue(report.contains("Page fault"), report);
        assertTrue(report.contains("store_answer"), report);
        String loc = p.getAttribute(LaunchConstants.PROC_CRASH_LOCATION);
        assertTrue(loc != null && loc.endsWith("examples/crash/main.c:8"), loc);
        assertTrue(((QemuProcess) p).errorText().contains("main.c:8"), "shown as an error in the console");
    }

    @Test
    void terminateKillsAHungGuest() throws Exception {
        Path dir = Workspace.appProject(tmp.resolve("spin"), "spin", SPIN);
        ILaunchConfigurationWorkingCopy wc = Workspace.config(Workspace.project("spin", dir), "spin run");
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        QemuProcess p = (QemuProcess) launch.getProcesses()[0];
        Workspace.waitFor(() -> p.serialText().contains("spinning"), 60, "guest output");
        long pid = Long.parseLong(p.getAttribute(IProcess.ATTR_PROCESS_ID));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(p.canTerminate());
        launch.terminate();
        Workspace.waitFor(p::isTerminated, 20, "terminated");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU pid " + pid + " gone");
        assertEquals(103, p.getExitValue());
    }

    @Test
    void stoppingTheBundleAsTheWorkbenchDoesOnExitKillsEveryQemu() throws Exception {
        Path dir = Workspace.appProject(tmp.resolve("spin2"), "spin2", SPIN);
        IProject p = Workspace.project("spin2", dir);
        ILaunch a = Workspace.config(p, "spin a").launch(ILaunchManager.RUN_MODE, null);
        ILaunchConfigurationWorkingCopy wc = Workspace.config(p, "spin b");
        wc.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, false);
        ILaunch b = wc.launch(ILaunchManager.RUN_MODE, null);
        long pa = ((QemuProcess) a.getProcesses()[0]).osProcess().pid();
        long pb = ((QemuProcess) b.getProcesses()[0]).osProcess().pid();
        Workspace.waitFor(() -> ((QemuProcess) b.getProcesses()[0]).serialText().contains("spinning"), 60, "guest b running");
        org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(QemuProcess.class);
        bundle.stop();
        try {
            assertFalse(ProcessHandle.of(pa).map(ProcessHandle::isAlive).orElse(false), "QEMU a killed");
            assertFalse(ProcessHandle.of(pb).map(ProcessHandle::isAlive).orElse(false), "QEMU b killed");
        } finally {
            bundle.start();
        }
        Workspace.waitFor(() -> a.isTerminated() && b.isTerminated(), 20, "launches end");
    }

    @Test
    void runModeGdbstubListensOnLoopbackOnly() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "hello gdbstub");
        wc.setAttribute(LaunchConstants.ATTR_GDBSTUB, true);
        wc.setAttribute(LaunchConstants.ATTR_GDB_PORT, 0);
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 60);
        String cmd = p.getAttribute(IProcess.ATTR_CMDLINE);
        assertTrue(cmd.matches(".* -gdb tcp:127\\.0\\.0\\.1:\\d+.*"), cmd);
        assertFalse(cmd.contains(" -s "), cmd);
        assertEquals(0, p.getExitValue());
    }

    /** Extra QEMU arguments use Eclipse's argument syntax: a quoted argument with spaces stays one argv entry. */
    @Test
    void extraArgumentsKeepQuotedSpaces() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "hello named");
        wc.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "-name \"ruedo guest ${env_var:RUEDO_UNSET_FOR_TEST}one\"");
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 60);
        String cmd = p.getAttribute(IProcess.ATTR_CMDLINE);
        assertTrue(cmd.endsWith(" -name 'ruedo guest one'"), cmd);
        assertEquals(0, p.getExitValue(), "QEMU took '-name' with one argument: " + ((QemuProcess) p).errorText());
    }

    @Test
    void missingQemuBinaryIsAClearErrorAndStartsNothing() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "no qemu");
        wc.setAttribute(LaunchConstants.ATTR_QEMU, tmp.resolve("qemu-missing").toString());
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("qemu-system-x86"), e.getMessage());
        assertTrue(Workspace.qemusWith("examples/hello/build").isEmpty());
    }

    /** docs/CONTRACTS.md §4: extra arguments may not open a gdbstub or an endpoint off 127.0.0.1 (-s: 0.0.0.0:1234). */
    @Test
    void gdbstubOrOpenEndpointInExtraArgumentsIsRefusedBeforeAnythingStarts() throws Exception {
        Path dir = Workspace.appProject(tmp.resolve("refused-args"), "refusedargs", "int main(void) { return 0; }\n");
        IProject project = Workspace.project("refusedargs", dir);
        String[][] cases = {
                { "-s -S", "QEMU argument '-s' is refused: -s opens a gdbstub on every network interface (0.0.0.0:1234)" },
                { "-name x --s", "QEMU argument '--s' is refused" },
                { "-gdb tcp::1234", "QEMU argument '-gdb' is refused" },
                { "-gdb=tcp:0.0.0.0:1234", "QEMU argument '-gdb=tcp:0.0.0.0:1234' is refused" },
                { "-monitor \"telnet::4444,server,nowait\"", "QEMU argument '-monitor telnet::4444,server,nowait' is refused: "
                        + "its telnet endpoint has no host, so it listens on every network interface" },
                { "-chardev socket,id=c,host=0.0.0.0,port=4444,server=on -serial chardev:c",
                        "its socket endpoint is bound to '0.0.0.0', not to 127.0.0.1" },
        };
        for (String[] c : cases) {       // debug mode: ProjectInputFaultTest (this fragment runs without the debugger)
            ILaunchConfigurationWorkingCopy wc = Workspace.config(project, "refused");
            wc.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, c[0]);
            CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null), c[0]);
            assertTrue(e.getMessage().startsWith("extra QEMU arguments of 'refused': "), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("gdbstub is always bound to 127.0.0.1: use the gdbstub option instead"), e.getMessage());
            assertEquals(java.util.List.of(), Workspace.qemusWith(dir.toString()), "no QEMU for " + dir);
        }
        assertTrue(!java.nio.file.Files.exists(dir.resolve("build/refusedargs.img")), "not even built");
        // the same project with loopback-only extra arguments runs
        ILaunchConfigurationWorkingCopy ok = Workspace.config(project, "loopback monitor");
        ok.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "-monitor telnet:127.0.0.1:" + org.ruedo.core.qemu.QemuCommand.freeLoopbackPort()
                + ",server,nowait");
        launch = ok.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 60);
        assertEquals(0, p.getExitValue(), ((QemuProcess) p).errorText());
    }

    @Test
    void missingImageIsAClearError() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "no image");
        wc.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, false);
        wc.setAttribute(LaunchConstants.ATTR_IMAGE, "build/does-not-exist.img");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("image not found"), e.getMessage());
        assertTrue(e.getMessage().contains("does-not-exist.img"), e.getMessage());
        assertTrue(Workspace.qemusWith("does-not-exist.img").isEmpty());
    }

    @Test
    void gdbPortInUseIsAClearError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "busy port");
            wc.setAttribute(LaunchConstants.ATTR_GDBSTUB, true);
            wc.setAttribute(LaunchConstants.ATTR_GDB_PORT, busy.getLocalPort());
            CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
            assertTrue(e.getMessage().contains("port " + busy.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
            assertTrue(Workspace.qemusWith("tcp:127.0.0.1:" + busy.getLocalPort()).isEmpty());
        }
    }

    @Test
    void buildErrorAbortsTheLaunch() throws Exception {
        Path dir = Workspace.appProject(tmp.resolve("broken"), "broken", "int main(void) { return 0 }\n");
        ILaunchConfigurationWorkingCopy wc = Workspace.config(Workspace.project("broken", dir), "broken run");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("build of broken failed"), e.getMessage());
        assertTrue(e.getMessage().contains("main.c:1"), e.getMessage());
    }
}
