package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.fault.tests.Fixtures.alive;
import static org.ruedo.fault.tests.Fixtures.app;
import static org.ruedo.fault.tests.Fixtures.config;
import static org.ruedo.fault.tests.Fixtures.kernel;
import static org.ruedo.fault.tests.Fixtures.project;
import static org.ruedo.fault.tests.Fixtures.waitFor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.UnikernelProcess;

/**
 * Many launch/terminate cycles through the {@code org.ruedo.launch.qemu} launch type leave no QEMU,
 * no gdb and no thread behind.
 */
class LaunchCycleTest extends FaultTestBase {
    /** Thread pools of the platform and the JDK whose idle workers may outlive a launch. */
    private static final Pattern IDLE_POOL = Pattern.compile("Worker-\\d+|ForkJoinPool[-.\\w]*|process reaper|InnocuousThread-\\d+");

    @Test
    void hundredRunCyclesLeaveNoProcessAndNoThread() throws Exception {
        Path dir = app(tmp.resolve("cycles"), "cycles", kernel().toString(), Fixtures.SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("cycles", dir));
        warmUp(wc, ILaunchManager.RUN_MODE);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.eclipse.core.runtime.ILogListener log = (status, plugin) -> {
            if (status.getSeverity() == org.eclipse.core.runtime.IStatus.ERROR) {
                logged.add(plugin + ": " + status.getMessage() + (status.getException() == null ? "" : " " + status.getException()));
            }
        };
        org.eclipse.core.runtime.Platform.addLogListener(log);
        String image = dir.resolve("build/cycles.img").toString();
        for (int i = 0; i < 100; i++) {
            final int cycle = i;
            ILaunch launch = wc.launch(ILaunchManager.RUN_MODE, null);
            UnikernelProcess q = (UnikernelProcess) launch.getProcesses()[0];
            long pid = q.osProcess().pid();
            assertTrue(cmdline(pid).contains(image), () -> "QEMU boots our image: " + cmdline(pid));
            waitFor(() -> q.serialText().contains("spinning") || q.isTerminated(), 20, "main of cycle " + cycle);
            assertFalse(q.isTerminated(), () -> "guest ended by itself in cycle " + cycle + ": " + q.errorText());
            launch.terminate();
            waitFor(launch::isTerminated, 20, "terminate of cycle " + i);
            assertFalse(alive(pid), "QEMU " + pid + " of cycle " + i + " still alive after terminate");
            assertEquals(103, q.getExitValue(), "a terminated guest reads as 'killed'");
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
        assertEquals(List.of(), Fixtures.toolsMentioning(image).stream().map(Fixtures::describe).toList(), "processes with our image");
        assertNoNewThreads(before);
        org.eclipse.core.runtime.Platform.removeLogListener(log);
        assertEquals(List.of(), logged, "the cycles logged no error (the Error Log stays empty)");
    }

    @Test
    void debugCyclesLeaveNoGdbNoQemuAndNoThread() throws Exception {
        Path dir = app(tmp.resolve("dcycles"), "dcycles", kernel().toString(), Fixtures.SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("dcycles", dir));
        warmUp(wc, ILaunchManager.DEBUG_MODE);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.eclipse.core.runtime.ILogListener log = (status, plugin) -> {
            if (status.getSeverity() == org.eclipse.core.runtime.IStatus.ERROR) {
                logged.add(plugin + ": " + status.getMessage() + (status.getException() == null ? "" : " " + status.getException()));
            }
        };
        org.eclipse.core.runtime.Platform.addLogListener(log);
        for (int i = 0; i < 100; i++) {
            ILaunch launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
            RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
            waitFor(() -> t.isSuspended() || t.isTerminated(), 60, "stop at main, cycle " + i);
            assertEquals("main", t.lastStop().frame().func(), "stopped in main");
            long gdb = t.gdbProcess().pid();
            long qemu = t.qemu().pid();
            String serialAtPress = t.qemu().serialText();
            launch.terminate();
            waitFor(launch::isTerminated, 20, "terminate of debug cycle " + i);
            assertTrue(t.isTerminated());
            // stopped at main, before its printk: a guest let go by Terminate would print "spinning"
            assertEquals(serialAtPress, t.qemu().serialText(), "no guest output after the press, cycle " + i);
            assertFalse(serialAtPress.contains("spinning"), serialAtPress);
            assertEquals(103, t.qemu().process().getExitValue(), "terminated, not an exit of the app");
            assertTrue(t.terminatedByUser(), t.getName());
            assertFalse(alive(gdb), "gdb " + gdb + " of cycle " + i + " still alive");
            assertFalse(alive(qemu), "QEMU " + qemu + " of cycle " + i + " still alive");
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
        assertEquals(List.of(), Fixtures.toolsMentioning(dir.toString()).stream().map(Fixtures::describe).toList());
        assertNoNewThreads(before);
        org.eclipse.core.runtime.Platform.removeLogListener(log);
        assertEquals(List.of(), logged, "the cycles logged no error (the Error Log stays empty)");
    }

    /** The process's argv from /proc (not from the code that started it), NULs as spaces. */
    private static String cmdline(long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (java.io.IOException e) {
            throw new AssertionError("QEMU " + pid + " has no /proc entry right after the launch", e);
        }
    }

    /** One launch that builds the project and starts whatever the platform starts lazily. */
    private static void warmUp(ILaunchConfigurationWorkingCopy wc, String mode) throws Exception {
        ILaunch first = wc.launch(mode, null);
        if (first.getDebugTarget() != null) {
            RuedoDebugTarget t = (RuedoDebugTarget) first.getDebugTarget();
            waitFor(() -> t.isSuspended() || t.isTerminated(), 60, "first stop at main");
        } else {
            UnikernelProcess q = (UnikernelProcess) first.getProcesses()[0];
            waitFor(() -> q.serialText().contains("spinning") || q.isTerminated(), 60, "first boot");
        }
        first.terminate();
        waitFor(first::isTerminated, 20, "first terminate");
        DebugPlugin.getDefault().getLaunchManager().removeLaunch(first);
        wc.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, false);
        Thread.sleep(200);
    }

    /** Threads alive now that were not before, except idle workers of platform/JDK pools; waits up to 10 s for them to end. */
    private static void assertNoNewThreads(Set<Thread> before) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        List<String> leaked = newThreads(before);
        while (!leaked.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            leaked = newThreads(before);
        }
        assertEquals(List.of(), leaked, "threads leaked by the launches");
    }

    private static List<String> newThreads(Set<Thread> before) {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive() || before.contains(t)) {
                continue;
            }
            Thread.State s = t.getState();
            boolean idle = s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
            if (idle && IDLE_POOL.matcher(t.getName()).matches()) {
                continue;
            }
            out.add(t.getName() + " (" + s + ")");
        }
        return out;
    }
}
