package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.ruedo.tests.support.Projects.waitFor;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoFunctionBreakpoint;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoThread;

/** How a debug session ends: the user's Terminate, the guest's own exit, gdb dying. */
class SessionEndTest extends DebugTestBase {
    /**
     * Terminate while suspended in a guest that keeps printing: the guest prints nothing more after the
     * press (QEMU is stopped before gdb lets go of it), the launch says it was terminated by the user,
     * and neither QEMU nor gdb is left.
     */
    @Test
    void terminateWhileSuspendedStopsTheGuestAtOnce() throws Exception {
        writeMain(TICKING);
        RuedoFunctionBreakpoint bp = RuedoBreakpoints.addFunctionBreakpoint(project, "tick");
        bp.setCondition("n == 5");
        RuedoDebugTarget t = launchDebug(1, false);
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 60, "tick(5)");
        RuedoThread thread = stoppedThread(t);
        assertEquals("5", t.evaluate(thread.id(), 0, "n"));
        StringBuffer console = new StringBuffer();
        t.addConsoleListener(console::append);
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        String serialAtPress = t.qemu().serialText();
        assertTrue(hasLine(serialAtPress, "tick 4") && !serialAtPress.contains("tick 5"), serialAtPress);

        thread.terminate();   // the Debug view's Terminate on the suspended vCPU

        assertTrue(t.isTerminated() && launch.isTerminated(), "terminated when Terminate returns");
        assertFalse(alive(qemuPid), "QEMU gone");
        waitFor(() -> !alive(gdbPid), 10, "gdb gone");
        assertEquals(serialAtPress, t.qemu().serialText(), "no guest output after the press");
        assertEquals(103, t.qemu().process().getExitValue(), "killed, as the CLI reports a terminated run");
        assertTrue(t.terminatedByUser());
        assertTrue(t.getName().endsWith("(terminated by the user)"), t.getName());
        assertTrue(console.toString().contains("Terminated by the user."), console.toString());
        assertEquals("Terminated", thread.stateLabel());
    }

    /** Terminate while the guest runs and prints: it ends at once as terminated by the user, not at a timeout. */
    @Test
    void terminateWhileRunning() throws Exception {
        writeMain(TICKING);
        RuedoDebugTarget t = launchDebug(2, false);
        waitFor(() -> hasLine(t.qemu().serialText(), "tick 3"), 60, "guest ticking, serial: " + t.qemu().serialText());
        assertFalse(t.isSuspended());
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        t.terminate();
        assertTrue(launch.isTerminated());
        assertFalse(alive(qemuPid), "QEMU gone");
        waitFor(() -> !alive(gdbPid), 10, "gdb gone");
        assertEquals(103, t.qemu().process().getExitValue());
        assertTrue(t.terminatedByUser());
        assertTrue(t.getName().endsWith("(terminated by the user)"), t.getName());
    }

    @Test
    void twoCpusAreTwoThreads() throws Exception {
        RuedoDebugTarget t = debug(2);
        assertEquals("[CPU 0 (gdb thread 1), CPU 1 (gdb thread 2)]", Arrays.toString(Arrays.stream(t.getThreads()).map(th -> {
            try {
                return th.getName();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toArray()));
        assertTrue(Arrays.stream(t.getThreads()).allMatch(th -> th.isSuspended()), "all-stop: both vCPUs suspended");
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        launch.terminate();
        waitFor(launch::isTerminated, 20, "terminated");
        waitFor(() -> !alive(gdbPid), 10, "gdb gone");
        assertFalse(alive(qemuPid));
    }

    @Test
    void gdbDyingEndsTheSessionWithAMessage() throws Exception {
        RuedoDebugTarget t = debug(1);
        long qemuPid = t.qemu().pid();
        t.gdbProcess().destroyForcibly();
        waitFor(t::isTerminated, 20, "session ended");
        assertTrue(t.terminationMessage() != null && t.terminationMessage().startsWith("gdb ended the debug session: "), t.terminationMessage());
        assertFalse(t.terminatedByUser());
        assertTrue(t.getName().endsWith("(" + t.terminationMessage() + ")"), t.getName());
        waitFor(() -> !alive(qemuPid), 10, "QEMU gone");
    }

    @Test
    void guestExitEndsTheSession() throws Exception {
        RuedoDebugTarget t = debug(1);
        t.resume();
        assertRanToItsEnd(t);
        assertFalse(t.getName().contains("terminated by"), t.getName());
    }
}
