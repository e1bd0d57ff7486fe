package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.ruedo.tests.support.Projects.waitFor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.debug.sourcelookup.RuedoSourceLookupParticipant;

/** Run control with real gdb and QEMU: stop at main, steps, Run to Line, suspend and resume. */
class RunControlTest extends DebugTestBase {
    /** Stop at main, then five Step Overs: each ends on the next line of main, and the Variables view marks what changed. */
    @Test
    void stopAtMainThenStepOverLineByLine() throws Exception {
        Path main = file("main.c");
        RuedoDebugTarget t = debug(1);
        RuedoStackFrame f = top(t);
        assertEquals("main", f.frame().func());
        assertTrue(f.sourcePath().endsWith("/dbg/main.c"), f.sourcePath());
        assertEquals(lineOf(main, "int cpus = cpu_count();"), f.getLineNumber(), "stopped at main's first line");
        assertEquals(project.getFile("main.c"), RuedoSourceLookupParticipant.find(f.sourcePath())[0], "DWARF path maps to the workspace file");

        List<Integer> lines = new ArrayList<>(List.of(f.getLineNumber()));
        RuedoThread thread = (RuedoThread) f.getThread();
        for (int i = 0; i < 5; i++) {
            thread.stepOver();
            int n = i;
            waitFor(() -> t.isSuspended() && !thread.isStepping(), 30, "step " + n);
            RuedoStackFrame s = (RuedoStackFrame) thread.getTopStackFrame();
            assertEquals("main", s.frame().func());
            lines.add(s.getLineNumber());
            assertInstanceOf(StopReason.SteppingRange.class, t.lastStop().reason());
        }
        assertEquals(List.of(lineOf(main, "int cpus"), lineOf(main, "int a ="), lineOf(main, "int b ="), lineOf(main, "int sum ="),
                lineOf(main, "hello from Ruedo"), lineOf(main, "running on CPU")), lines, "one line per Step Over");
        assertEquals("13", variable(top(t).getVariables(), "sum").getValue().getValueString());
    }

    /** The Variables view marks the local the last step assigned, and only that one. */
    @Test
    void theLocalAStepAssignedIsMarkedChanged() throws Exception {
        Path main = file("main.c");
        RuedoDebugTarget t = debug(1);
        RuedoThread thread = stoppedThread(t);
        int sumLine = lineOf(main, "int sum = a + b;");
        t.runToLine(thread, main, sumLine);
        waitFor(() -> t.isSuspended() && t.lastStop().frame().line() == sumLine, 30, "run to line " + sumLine);
        assertEquals("4", variable(top(t).getVariables(), "a").getValue().getValueString());   // seen before the step
        thread.stepOver();
        waitFor(() -> t.isSuspended() && !thread.isStepping(), 30, "step over the sum line");
        RuedoStackFrame s = top(t);
        assertEquals(sumLine + 1, s.getLineNumber());
        assertTrue(variable(s.getVariables(), "sum").hasValueChanged(), "sum changed by line " + sumLine);
        assertFalse(variable(s.getVariables(), "a").hasValueChanged(), "a unchanged by line " + sumLine);
        assertFalse(variable(s.getVariables(), "b").hasValueChanged(), "b unchanged by line " + sumLine);
    }

    /** Step Into square(2), then Step Return to main; Step Return is disabled in the outermost frame. */
    @Test
    void stepIntoAndReturnAndNoReturnFromTheOutermostFrame() throws Exception {
        Path main = file("main.c");
        RuedoDebugTarget t = debug(1);
        RuedoThread thread = stoppedThread(t);
        int aLine = lineOf(main, "int a = square(2);");
        t.runToLine(thread, main, aLine);
        waitFor(() -> t.isSuspended() && t.lastStop().frame().line() == aLine, 30, "run to line " + aLine);
        thread.stepInto();
        waitFor(() -> t.isSuspended() && !thread.isStepping(), 30, "step into");
        RuedoStackFrame in = (RuedoStackFrame) thread.getTopStackFrame();
        assertEquals("square", in.frame().func());
        assertEquals(lineOf(main, "return x * x;"), in.getLineNumber());
        assertEquals("2", variable(in.getVariables(), "x").getValue().getValueString());
        IStackFrame[] stack = thread.getStackFrames();
        assertEquals("main", ((RuedoStackFrame) stack[1]).frame().func());
        assertTrue(in.canStepReturn());
        IStackFrame outermost = stack[stack.length - 1];
        assertFalse(outermost.canStepReturn(), "no Step Return from " + outermost.getName());
        assertTrue(Arrays.stream(stack).limit(stack.length - 1).allMatch(IStackFrame::canStepReturn), "every other frame has a caller");

        thread.stepReturn();
        waitFor(() -> t.isSuspended() && !thread.isStepping(), 30, "step return");
        assertInstanceOf(StopReason.FunctionFinished.class, t.lastStop().reason());
        assertEquals(new StopReason.FunctionFinished("4"), t.lastStop().reason(), "square(2) returned 4");
        assertEquals("main", top(t).frame().func());
        assertEquals(aLine, top(t).getLineNumber());
    }

    /**
     * Run to Line into another function: from the app's main to a line of the kernel's vprintk (which
     * {@code -exec-until} could not reach: it stops when main's frame would return). Then a Run to Line
     * that is not reached because a breakpoint comes first: its temporary breakpoint is gone from gdb
     * once the guest runs on.
     */
    @Test
    void runToLineInAnotherFunctionAndOneNotReached() throws Exception {
        Path main = file("main.c");
        Path printk = file("kernel/lib/printk.c");
        RuedoDebugTarget t = debug(1);
        RuedoThread thread = stoppedThread(t);
        int kernelLine = lineOf(printk, "int n = vformat_stream(");
        t.runToLine(thread, printk, kernelLine);
        waitFor(() -> t.isSuspended() && t.lastStop().frame().line() == kernelLine, 30, "run to printk.c:" + kernelLine);
        assertEquals(new StopReason.LocationReached(), t.lastStop().reason());
        assertEquals("vprintk", top(t).frame().func());
        assertEquals(0, thread.getBreakpoints().length, "a Run to Line stop is not a breakpoint of the user's");
        assertTrue(userBreakpoints(t).isEmpty(), "gdb removed the temporary breakpoint");

        // a user breakpoint in vprintk comes before the Run to Line target (the end of main)
        int lastLine = lineOf(main, "return 0;");
        RuedoLineBreakpoint bp = new RuedoLineBreakpoint(project.getFile("kernel/lib/printk.c"), kernelLine);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        waitForGdbBreakpoint(t, b -> "vprintk".equals(b.func()), "user breakpoint in gdb");
        t.runToLine(thread, main, lastLine);
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "the user's breakpoint first");
        assertEquals(kernelLine, t.lastStop().frame().line());
        assertEquals(2, userBreakpoints(t).size(), "the Run to Line breakpoint still waits");
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(bp, true);
        waitFor(() -> gdbBreakpoints(t).stream().noneMatch(b -> "vprintk".equals(b.func())), 10, "user breakpoint removed from gdb");
        t.resume();   // drops the stale Run to Line breakpoint: the guest runs to its end
        assertRanToItsEnd(t);
    }

    /**
     * Suspend (the Debug view's pause button) on a guest that never stops by itself: two CPUs, main ticks
     * on CPU 0. gdb interrupts QEMU's gdbstub ({@code -exec-interrupt}); every thread is then suspended
     * with frames; resumed, the guest really runs on (new ticks arrive), and the next suspend sees a
     * larger tick count.
     */
    @Test
    void suspendARunningGuestAndResume() throws Exception {
        writeMain(TICKING);
        RuedoDebugTarget t = launchDebug(2, false);
        waitFor(() -> hasLine(t.qemu().serialText(), "tick 3"), 60, "guest ticking, serial: " + t.qemu().serialText());
        assertFalse(t.isSuspended());
        assertEquals(2, t.getThreads().length);
        RuedoThread cpu0 = t.thread(1);
        assertEquals("CPU 0 (gdb thread 1)", cpu0.getName());
        assertTrue(cpu0.canSuspend());

        List<DebugEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        IDebugEventSetListener listener = es -> events.addAll(Arrays.asList(es));
        DebugPlugin.getDefault().addDebugEventListener(listener);
        try {
            cpu0.suspend();
            waitFor(t::isSuspended, 20, "suspended");
            // the Debug view learns it from a SUSPEND event per thread, by client request
            waitFor(() -> Arrays.stream(t.getThreads()).allMatch(th -> events.stream().anyMatch(e -> e.getSource() == th
                    && e.getKind() == DebugEvent.SUSPEND && e.getDetail() == DebugEvent.CLIENT_REQUEST)), 10, "SUSPEND events: " + events);
        } finally {
            DebugPlugin.getDefault().removeDebugEventListener(listener);
        }
        assertEquals(new StopReason.Signal("SIGINT", "Interrupt"), t.lastStop().reason());
        long first = ticks(t);
        for (IThread th : t.getThreads()) {
            assertTrue(th.isSuspended(), th.getName());
            assertTrue(th.canResume() && !th.canSuspend(), th.getName());
            assertNotNull(th.getTopStackFrame(), th.getName() + " has a frame");
        }
        assertTrue(Arrays.stream(cpu0.getStackFrames()).anyMatch(f -> "main".equals(((RuedoStackFrame) f).frame().func())),
                "CPU 0 is in main's loop");

        // resumed, the guest prints a later tick than any before; the next suspend sees more ticks
        int seen = t.qemu().serialText().length();
        t.resume();
        waitFor(() -> !t.isSuspended(), 10, "running again");
        waitFor(() -> hasLine(t.qemu().serialText().substring(seen), "tick " + (first + 2)), 30, "ticks after resume");
        assertTrue(t.canSuspend());
        t.suspend();
        waitFor(t::isSuspended, 20, "suspended again");
        long second = ticks(t);
        assertTrue(second >= first + 2, "the guest ran between the suspends: " + first + " then " + second);
    }

    @Test
    void withoutStopAtMainTheGuestRunsToItsEndUnderGdb() throws Exception {
        RuedoDebugTarget t = launchDebug(1, false);
        waitFor(t::isTerminated, 60, "guest ran to its end");
        assertNull(t.lastStop(), "never suspended");
        assertRanToItsEnd(t);
        assertTrue(hasLine(t.qemu().serialText(), "2^2 + 3^2 = 13"), t.qemu().serialText());
    }

    private static long ticks(RuedoDebugTarget t) throws DebugException {
        return Long.parseLong(t.evaluate(1, 0, "ticks").strip());
    }
}
