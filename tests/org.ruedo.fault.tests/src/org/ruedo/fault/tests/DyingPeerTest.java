package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.fault.tests.Fixtures.alive;
import static org.ruedo.fault.tests.Fixtures.app;
import static org.ruedo.fault.tests.Fixtures.config;
import static org.ruedo.fault.tests.Fixtures.kernel;
import static org.ruedo.fault.tests.Fixtures.project;
import static org.ruedo.fault.tests.Fixtures.waitFor;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;
import org.ruedo.core.qemu.GuestExit;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.UnikernelProcess;

/** A peer (QEMU or gdb) dies or cannot start: the launch ends with a clear message, nothing hangs or stays. */
class DyingPeerTest extends FaultTestBase {
    private RuedoDebugTarget debugToMain(String name) throws Exception {
        Path dir = app(tmp.resolve(name), name, kernel().toString(), Fixtures.SPIN);
        ILaunch launch = config(project(name, dir)).launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
        waitFor(() -> t.isSuspended() || t.isTerminated(), 60, "stop at main");
        assertTrue(t.isSuspended(), "stopped at main");
        return t;
    }

    @Test
    void qemuKilledMidDebugSessionEndsTheSession() throws Exception {
        RuedoDebugTarget t = debugToMain("qk");
        long gdb = t.gdbProcess().pid();
        long qemu = t.qemu().pid();
        UnikernelProcess q = t.qemu().process();
        ProcessHandle.of(qemu).orElseThrow().destroyForcibly();
        waitFor(t::isTerminated, 20, "debug session to end");
        waitFor(() -> t.getLaunch().isTerminated(), 20, "launch to end");
        waitFor(() -> !alive(gdb), 20, "gdb " + gdb + " to end");
        assertFalse(alive(qemu));
        // the console says how QEMU ended
        waitFor(() -> q.errorText().contains("ruedo: "), 10, "QEMU exit message: " + q.errorText());
        assertNotNull(q.getAttribute(LaunchConstants.PROC_GUEST_EXIT));
        assertEquals(GuestExit.Kind.KILLED, q.guestExit().kind(), q.errorText());
        assertTrue(q.errorText().contains("killed from outside by signal 9 (SIGKILL)"), q.errorText());
    }

    /**
     * QEMU terminated from outside (SIGTERM, as by {@code kill} or a session logout) while the guest
     * runs: the launch ends, the console says QEMU was terminated by a signal, and the end is not
     * mistaken for the app's own exit nor for a guest reset (QEMU catches SIGTERM and exits 0).
     */
    @Test
    void qemuTerminatedFromOutsideIsNotReportedAsTheAppsExit() throws Exception {
        Path dir = app(tmp.resolve("rk"), "rk", kernel().toString(), Fixtures.SPIN);
        ILaunch launch = config(project("rk", dir)).launch(ILaunchManager.RUN_MODE, null);
        UnikernelProcess q = (UnikernelProcess) launch.getProcesses()[0];
        waitFor(() -> q.serialText().contains("spinning") || q.isTerminated(), 60, "main");
        assertFalse(q.isTerminated(), q.errorText());
        q.osProcess().toHandle().destroy();
        waitFor(launch::isTerminated, 20, "launch to end");
        assertTrue(q.errorText().contains("terminating on signal 15"), q.errorText());
        assertEquals(GuestExit.Kind.KILLED, q.guestExit().kind(), q.errorText());
        assertEquals(103, q.getExitValue());
        assertTrue(q.errorText().contains("killed from outside by signal 15 (SIGTERM)"), q.errorText());
    }

    /**
     * QEMU killed with SIGKILL in run mode (the OOM killer, {@code kill -9}): Process.waitFor() reports
     * 137, which no app exit code can produce (codes stop at 62), so the launch says so and ends with 103.
     */
    @Test
    void qemuKilledWithSigkillInRunModeIsNotAnAppExit() throws Exception {
        Path dir = app(tmp.resolve("rk9"), "rk9", kernel().toString(), Fixtures.SPIN);
        ILaunch launch = config(project("rk9", dir)).launch(ILaunchManager.RUN_MODE, null);
        UnikernelProcess q = (UnikernelProcess) launch.getProcesses()[0];
        waitFor(() -> q.serialText().contains("spinning") || q.isTerminated(), 60, "main");
        assertFalse(q.isTerminated(), q.errorText());
        q.osProcess().toHandle().destroyForcibly();
        waitFor(launch::isTerminated, 20, "launch to end");
        assertEquals(GuestExit.Kind.KILLED, q.guestExit().kind(), q.errorText());
        assertEquals(103, q.getExitValue());
        assertTrue(q.errorText().contains("signal 9 (SIGKILL)"), q.errorText());
        assertFalse(q.errorText().contains("guest exited with code"), q.errorText());
    }

    /** A QEMU that refuses its arguments dies at once: the launch ends with QEMU's own stderr and exit code 102. */
    @Test
    void qemuDyingAtStartIsReportedWithItsStderr() throws Exception {
        Path dir = app(tmp.resolve("qd"), "qd", kernel().toString(), Fixtures.SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("qd", dir));
        wc.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "-device no-such-device-model");
        ILaunch launch = wc.launch(ILaunchManager.RUN_MODE, null);
        UnikernelProcess q = (UnikernelProcess) launch.getProcesses()[0];
        waitFor(launch::isTerminated, 30, "launch to end");
        assertEquals(GuestExit.Kind.QEMU_ERROR, q.guestExit().kind(), q.errorText());
        assertEquals(102, q.getExitValue());
        assertTrue(q.errorText().contains("QEMU died (exit status 1)"), q.errorText());
        assertTrue(q.errorText().contains("no-such-device-model"), "QEMU's stderr is in the message: " + q.errorText());
        assertFalse(alive(q.osProcess().pid()));
    }

    @Test
    void gdbKilledMidDebugSessionEndsItWithAMessage() throws Exception {
        RuedoDebugTarget t = debugToMain("gk");
        t.resume();
        waitFor(() -> !t.isSuspended(), 10, "running");
        long qemu = t.qemu().pid();
        t.gdbProcess().destroyForcibly();
        waitFor(t::isTerminated, 20, "debug session to end");
        assertNotNull(t.terminationMessage(), "a message says why the session ended");
        assertTrue(t.terminationMessage().contains("gdb"), t.terminationMessage());
        waitFor(() -> !alive(qemu), 20, "QEMU " + qemu + " to end");
        waitFor(() -> t.getLaunch().isTerminated(), 20, "launch to end");
    }

    @Test
    void busyGdbstubPortIsAClearErrorAndStartsNothing() throws Exception {
        Path dir = app(tmp.resolve("bp"), "bp", kernel().toString(), Fixtures.SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("bp", dir));
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            wc.setAttribute(LaunchConstants.ATTR_GDB_PORT, port);
            wc.setAttribute(LaunchConstants.ATTR_GDBSTUB, true);   // run mode with a gdbstub too
            for (String mode : List.of(ILaunchManager.DEBUG_MODE, ILaunchManager.RUN_MODE)) {
                CoreException e = assertThrows(CoreException.class, () -> wc.launch(mode, null), mode);
                assertTrue(e.getMessage().contains("already in use") && e.getMessage().contains(Integer.toString(port)),
                        mode + ": " + e.getMessage());
                assertEquals(List.of(), ourTools().stream().map(Fixtures::describe).toList(), "nothing started in " + mode);
                assertEquals(List.of(), Fixtures.toolsMentioning(dir.toString()).stream().map(Fixtures::describe).toList());
            }
            // the port's owner is untouched
            assertFalse(busy.isClosed());
        }
    }

    @Test
    void missingQemuBinaryIsAClearErrorAndStartsNothing() throws Exception {
        Path dir = app(tmp.resolve("nq"), "nq", kernel().toString(), Fixtures.SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("nq", dir));
        wc.setAttribute(LaunchConstants.ATTR_QEMU, "/nonexistent/qemu-system-x86_64");
        for (String mode : List.of(ILaunchManager.RUN_MODE, ILaunchManager.DEBUG_MODE)) {
            CoreException e = assertThrows(CoreException.class, () -> wc.launch(mode, null));
            assertTrue(e.getMessage().contains("/nonexistent/qemu-system-x86_64") && e.getMessage().contains("qemu-system-x86"),
                    "names the binary and the Debian package: " + e.getMessage());
            assertEquals(List.of(), ourTools().stream().map(Fixtures::describe).toList(), "nothing started in " + mode);
        }
    }

    /**
     * A "gdb" that exits at once: the debug launch fails with a message naming gdb, and its frozen QEMU is
     * killed. gdb's output ends before it answers the first MI command (the start runs on the launching
     * thread), so {@code start} fails and the launch throws.
     */
    @Test
    void gdbDyingAtStartUpKillsTheFrozenQemu() throws Exception {
        Path dir = app(tmp.resolve("gd"), "gd", kernel().toString(), Fixtures.SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("gd", dir));
        wc.setAttribute(DebugLaunchKeys.ATTR_GDB, "/bin/false");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.DEBUG_MODE, null));
        assertTrue(e.getMessage().startsWith("debug session failed to start: ") && e.getMessage().contains("gdb"),
                "says the session did not start and names gdb: " + e.getMessage());
        waitFor(() -> ourTools().isEmpty(), 20, "QEMU to be killed: " + ourTools().stream().map(Fixtures::describe).toList());
    }
}
