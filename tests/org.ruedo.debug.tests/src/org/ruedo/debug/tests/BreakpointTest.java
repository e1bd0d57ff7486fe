package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.ruedo.tests.support.Projects.waitFor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IStackFrame;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoFunctionBreakpoint;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;

/** Breakpoints with real gdb and QEMU: line, conditional, disabled, function, inlined header, the fault hook's. */
class BreakpointTest extends DebugTestBase {
    /** A line breakpoint in a kernel .c file set while suspended at main; continue stops there with main below. */
    @Test
    void lineBreakpointInAKernelFile() throws Exception {
        RuedoDebugTarget t = debug(1);
        // every session has the fault hook's breakpoint (docs/CONTRACTS.md §5.2), and nothing else yet
        List<MIBreakpoint> all = gdbBreakpoints(t);
        assertEquals(1, all.size(), all.toString());
        assertEquals("ruedo_fault_hook", all.get(0).func());
        assertEquals(t.faultBreakpoint(), all.get(0).number());

        Path printk = file("kernel/lib/printk.c");
        int bpLine = lineOf(printk, "int n = vformat_stream(");
        RuedoLineBreakpoint bp = RuedoBreakpoints.toggleLineBreakpoint(project.getFile("kernel/lib/printk.c"), bpLine);
        assertNotNull(bp);
        waitForGdbBreakpoint(t, b -> "vprintk".equals(b.func()) && b.line() == bpLine, "the breakpoint in gdb");
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "breakpoint");
        RuedoStackFrame hit = top(t);
        assertEquals("vprintk", hit.frame().func());
        assertEquals(bpLine, hit.getLineNumber());
        assertTrue(hit.sourcePath().endsWith("kernel/lib/printk.c"), hit.sourcePath());
        assertEquals(List.of(bp), Arrays.asList(hit.getThread().getBreakpoints()));
        assertEquals("Suspended: breakpoint", stoppedThread(t).stateLabel());
        IStackFrame[] stack = hit.getThread().getStackFrames();
        assertTrue(Arrays.stream(stack).anyMatch(x -> "main".equals(((RuedoStackFrame) x).frame().func())), "main is below vprintk");
    }

    /** A condition set before the breakpoint is added goes with the insert; disabled, the guest runs to its end. */
    @Test
    void conditionalThenDisabled() throws Exception {
        RuedoDebugTarget t = debug(1);
        int bpLine = lineOf(file("kernel/lib/printk.c"), "int n = vformat_stream(");
        RuedoLineBreakpoint bp = new RuedoLineBreakpoint(project.getFile("kernel/lib/printk.c"), bpLine);
        bp.setCondition("fmt[0] == '2'");            // only the "2^2 + 3^2 = %d" message
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        waitForGdbBreakpoint(t, b -> "vprintk".equals(b.func()) && "fmt[0] == '2'".equals(b.condition()), "conditional breakpoint in gdb");
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "conditional breakpoint");
        assertEquals("vprintk", top(t).frame().func());
        assertTrue(t.evaluate(stoppedThread(t).id(), 0, "fmt").endsWith("\"2^2 + 3^2 = %d\\n\""), t.evaluate(1, 0, "fmt"));
        assertTrue(hasLine(t.qemu().serialText(), "hello from Ruedo!"), "earlier messages did not stop: " + t.qemu().serialText());

        bp.setEnabled(false);
        waitForGdbBreakpoint(t, b -> "vprintk".equals(b.func()) && !b.enabled(), "breakpoint disabled in gdb");
        t.resume();
        assertRanToItsEnd(t);
    }

    @Test
    void functionBreakpointThenConditionChangedWhileSuspended() throws Exception {
        // set before the launch: installed when the session starts
        RuedoFunctionBreakpoint bp = RuedoBreakpoints.addFunctionBreakpoint(project, "square");
        RuedoDebugTarget t = debug(1);
        // stop at main comes first, then the function breakpoint: square(2)
        assertEquals("main", top(t).frame().func());
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "function breakpoint");
        RuedoStackFrame hit = top(t);
        assertEquals("square", hit.frame().func());
        assertEquals("2", variable(hit.getVariables(), "x").getValue().getValueString());
        assertEquals(List.of(bp), Arrays.asList(hit.getThread().getBreakpoints()));
        assertEquals("main", ((RuedoStackFrame) hit.getThread().getStackFrames()[1]).frame().func());
        // a condition that never holds, set while suspended: square(3) no longer stops, the guest runs to its end
        bp.setCondition("1 == 0");
        waitForGdbBreakpoint(t, b -> "square".equals(b.func()) && "1 == 0".equals(b.condition()), "condition in gdb");
        t.resume();
        assertRanToItsEnd(t);
        assertThrows(CoreException.class, () -> RuedoBreakpoints.addFunctionBreakpoint(project, "not a name"));
    }

    /**
     * A line breakpoint in a kernel header: {@code outb} in arch/io.h is {@code static inline} and inlined
     * in serial.c, timer.c, lapic.c, panic.c...; gdb places the one breakpoint at every inlined copy.
     */
    @Test
    void lineBreakpointOnAnInlinedHeaderFunctionHasSeveralLocations() throws Exception {
        String io = "kernel/arch/x86_64/include/arch/io.h";
        int outbLine = lineOf(file(io), "static inline void outb(");
        RuedoDebugTarget t = debug(1);
        RuedoLineBreakpoint bp = RuedoBreakpoints.toggleLineBreakpoint(project.getFile(io), outbLine);
        assertNotNull(bp);
        // gdb has it once, with its inlined copies as locations
        waitForGdbBreakpoint(t, b -> b.fullname() != null && b.fullname().endsWith("arch/io.h") && b.line() == outbLine, "the io.h breakpoint in gdb");
        List<MIBreakpoint> mine = userBreakpoints(t);
        assertEquals(1, mine.size(), "one gdb breakpoint: " + mine);
        MIBreakpoint inGdb = mine.get(0);
        assertTrue(inGdb.isMultiple(), "several locations: " + inGdb);
        assertEquals("<MULTIPLE>", inGdb.addr());
        assertTrue(inGdb.locations().size() >= 3, inGdb.locations().toString());
        assertEquals(inGdb.locations().size(), inGdb.locations().stream().map(l -> l.addr()).distinct().count(), "distinct addresses");
        assertTrue(inGdb.locations().stream().allMatch(l -> l.line() == outbLine && "outb".equals(l.func())), inGdb.locations().toString());

        // main's first printk writes the serial port: the breakpoint is hit in an inlined copy
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "outb hit");
        assertEquals(inGdb.number(), t.lastStop().breakpoint());
        RuedoStackFrame hit = top(t);
        assertEquals("outb", hit.frame().func());
        assertEquals(outbLine, hit.getLineNumber());
        assertTrue(hit.sourcePath().endsWith(io), hit.sourcePath());
        assertEquals(List.of(bp), Arrays.asList(hit.getThread().getBreakpoints()), "the one platform breakpoint is the one hit");
        long addr = Long.decode(hit.frame().addr());
        assertTrue(inGdb.locations().stream().anyMatch(l -> Long.decode(l.addr()) == addr), "stopped at one of the locations: " + hit.frame().addr());
        assertEquals(1, userBreakpoints(t).get(0).times());

        // removed: gdb no longer has it, and the guest runs to its end without stopping again
        assertNull(RuedoBreakpoints.toggleLineBreakpoint(project.getFile(io), outbLine));
        waitFor(() -> {
            try {
                return userBreakpoints(t).isEmpty();
            } catch (org.ruedo.debug.mi.MIException e) {
                throw new AssertionError(e);
            }
        }, 10, "breakpoint gone from gdb's -break-list");
        t.resume();
        assertRanToItsEnd(t);
    }
}
