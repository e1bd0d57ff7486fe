package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.ruedo.tests.support.Projects.waitFor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.core.model.IWatchExpressionResult;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.debug.model.RuedoWatchExpressionDelegate;

/** Variables, expressions and the gdb console with real gdb and QEMU. */
class VariableTest extends DebugTestBase {
    /** Locals read and written (Variables view), watch expressions (Expressions view), gdb's own evaluator. */
    @Test
    void localsWatchExpressionsAndAssignment() throws Exception {
        Path main = file("main.c");
        RuedoDebugTarget t = debug(1);
        RuedoThread thread = stoppedThread(t);
        int line = lineOf(main, "hello from Ruedo");
        t.runToLine(thread, main, line);
        waitFor(() -> t.isSuspended() && t.lastStop().frame().line() == line, 30, "run to line " + line);
        RuedoStackFrame s = top(t);
        assertEquals("1", variable(s.getVariables(), "cpus").getValue().getValueString());
        IVariable sum = variable(s.getVariables(), "sum");
        assertEquals("13", sum.getValue().getValueString());
        assertEquals("int", sum.getReferenceTypeName());
        // edited in the Variables view: -var-assign changes the guest's memory
        assertTrue(sum.supportsValueModification());
        sum.setValue("sum * 2");
        assertEquals("26", sum.getValue().getValueString());
        assertEquals("26", t.evaluate(thread.id(), 0, "sum"));
        assertEquals("13", t.evaluate(thread.id(), 0, "a + b"));

        // watch expressions (Expressions view) through the registered delegate
        var delegate = DebugPlugin.getDefault().getExpressionManager().newWatchExpressionDelegate(RuedoLineBreakpoint.MODEL_ID);
        assertTrue(delegate instanceof RuedoWatchExpressionDelegate, String.valueOf(delegate));
        var results = new ArrayBlockingQueue<IWatchExpressionResult>(1);
        delegate.evaluateExpression("a * 10 + b", s, results::add);
        IWatchExpressionResult watched = results.poll(20, TimeUnit.SECONDS);
        assertNotNull(watched, "watch expression evaluated");
        assertFalse(watched.hasErrors(), Arrays.toString(watched.getErrorMessages()));
        assertEquals("49", watched.getValue().getValueString());
        // a name gdb does not know: one sentence that names it
        var bad = RuedoWatchExpressionDelegate.evaluate("no_such_symbol", s);
        assertTrue(bad.hasErrors());
        assertEquals("'no_such_symbol' is not a variable or function visible in this frame.", bad.getErrorMessages()[0]);

        // the guest prints the changed value
        t.resume();
        assertRanToItsEnd(t);
        assertTrue(hasLine(t.qemu().serialText(), "2^2 + 3^2 = 26"), t.qemu().serialText());
    }

    /** Children: a va_list parameter is a pointer to struct __va_list_tag, its fields are the children. */
    @Test
    void aggregateChildren() throws Exception {
        RuedoDebugTarget t = debug(1);
        int bpLine = lineOf(file("kernel/lib/printk.c"), "int n = vformat_stream(");
        t.runToLine(stoppedThread(t), file("kernel/lib/printk.c"), bpLine);
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.LocationReached, 30, "run to vprintk");
        IVariable ap = variable(top(t).getVariables(), "ap");
        assertTrue(ap.getValue().hasVariables());
        IVariable[] fields = ap.getValue().getVariables();
        assertEquals("gp_offset fp_offset overflow_arg_area reg_save_area",
                String.join(" ", Arrays.stream(fields).map(f -> {
                    try {
                        return f.getName();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList()));
        assertEquals("8", fields[0].getValue().getValueString(), "gp_offset past the fmt argument (no other argument yet)");
    }

    /** The gdb console: a CLI command's output comes back as console text, and so does an error. */
    @Test
    void gdbConsoleCommands() throws Exception {
        RuedoDebugTarget t = debug(1);
        StringBuffer console = new StringBuffer();
        t.addConsoleListener(console::append);
        t.cli("print square(4) + 1");
        waitFor(() -> console.toString().contains("= 17"), 20, "console output, got: " + console);
        t.cli("no-such-command");
        waitFor(() -> console.toString().contains("Undefined command: \"no-such-command\""), 20, "console error, got: " + console);
        // the kernel's gdb script is loaded at startup: ruedo-threads lists the kernel's threads (CONTRACTS §8)
        t.cli("ruedo-threads");
        waitFor(() -> console.toString().contains("kmain (boot)"), 30, "ruedo-threads output, got: " + console);
        assertTrue(java.util.regex.Pattern.compile("ID\\s+CPU\\s+STATE\\s+ENTRY\\s+WHERE").matcher(console).find(), console.toString());
        assertTrue(console.toString().contains("running (") || console.toString().contains(" running "), console.toString());
    }
}
