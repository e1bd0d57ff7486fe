package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.sourcelookup.RuedoSourceLookupParticipant;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.tests.support.ToolProcesses;

/**
 * Debug mode end to end with real gdb 13 and QEMU: a project laid out like the wizard makes it (app at
 * the root, the kernel sources under kernel/), launched through the launch type in debug mode.
 */
class RealGdbTest {
    @TempDir
    Path tmp;
    private IProject project;
    private ILaunch launch;
    private ToolProcesses tools;

    static Path root() {
        Path p = Path.of(System.getProperty("ruedo.root", "")).toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("kernel/kernel.toml"))) {
            p = p.getParent();
        }
        return p;
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (d.getFileName().toString().equals("build")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @BeforeEach
    void project() throws Exception {
        Path dir = tmp.resolve("dbg");
        copyTree(root().resolve("kernel"), dir.resolve("kernel"));
        Files.copy(root().resolve("kernel/examples/hello/main.c"), dir.resolve("main.c"));
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(root().resolve("kernel/examples/hello/unikernel.toml"))
                .replace("kernel = \"../..\"", "kernel = \"kernel\""));
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        project = ws.getRoot().getProject("dbg");
        IProjectDescription d = ws.newProjectDescription("dbg");
        d.setLocation(IPath.fromPath(dir));
        project.create(d, null);
        project.open(null);
        RuedoProjects.addNature(project, null);
    }

    @BeforeEach
    void recordProcesses() {
        tools = ToolProcesses.record();
    }

    /** Ends the session; no QEMU or gdb started by the test may stay (checked by pid). */
    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (launch != null && !launch.isTerminated()) {
                launch.terminate();
            }
            tools.assertNoneLeft();
        } finally {
            DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                    DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID), true);
            project.delete(false, true, null);
        }
    }

    private RuedoDebugTarget debug(int cpus) throws Exception {
        RuedoDebugTarget target = launchDebug(cpus, true);
        waitFor(target::isSuspended, 60, "stop at main");
        return target;
    }

    private RuedoDebugTarget launchDebug(int cpus, boolean stopAtMain) throws Exception {
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, "dbg-" + cpus);
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, "dbg");
        wc.setAttribute(LaunchConstants.ATTR_CPUS, cpus);
        wc.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, stopAtMain);
        launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget target = (RuedoDebugTarget) launch.getDebugTarget();
        assertNotNull(target);
        return target;
    }

    static void waitFor(BooleanSupplier c, int seconds, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static RuedoStackFrame top(RuedoDebugTarget t) throws Exception {
        for (IThread th : t.getThreads()) {
            if (th.getBreakpoints().length > 0 || t.lastStop() != null && ((org.ruedo.debug.model.RuedoThread) th).id() == t.lastStop().threadId()) {
                return (RuedoStackFrame) th.getTopStackFrame();
            }
        }
        return (RuedoStackFrame) t.getThreads()[0].getTopStackFrame();
    }

    private static IVariable variable(IVariable[] vars, String name) throws Exception {
        for (IVariable v : vars) {
            if (v.getName().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void stopAtMainStepReadBreakInKernelTerminate() throws Exception {
        Path main = project.getLocation().toPath().resolve("main.c");
        RuedoDebugTarget t = debug(1);
        RuedoStackFrame f = top(t);
        assertEquals("main", f.frame().func());
        assertTrue(f.sourcePath().endsWith("/dbg/main.c"), f.sourcePath());
        int mainLine = lineOf(main, "int main(void)");
        assertTrue(f.getLineNumber() >= mainLine && f.getLineNumber() <= mainLine + 2, "stopped at main: line " + f.getLineNumber());
        Object[] src = RuedoSourceLookupParticipant.find(f.sourcePath());
        assertEquals(project.getFile("main.c"), src[0], "DWARF path maps to the workspace file");

        // step over 5 lines: each stop is a later line of main
        List<Integer> lines = new ArrayList<>(List.of(f.getLineNumber()));
        IThread thread = f.getThread();
        for (int i = 0; i < 5; i++) {
            thread.stepOver();
            waitFor(() -> t.isSuspended() && !thread.isStepping(), 30, "step " + i);
            RuedoStackFrame s = (RuedoStackFrame) thread.getTopStackFrame();
            assertEquals("main", s.frame().func());
            assertTrue(s.getLineNumber() > lines.get(lines.size() - 1), "lines advance: " + lines + " then " + s.getLineNumber());
            // locals seen at every stop: the one the last line assigned is marked changed, the others not
            int before = lines.get(lines.size() - 1);
            lines.add(s.getLineNumber());
            IVariable[] vars = s.getVariables();
            if (before == lineOf(main, "int sum = a + b;")) {
                assertTrue(variable(vars, "sum").hasValueChanged(), "sum changed by line " + before);
                assertFalse(variable(vars, "a").hasValueChanged(), "a unchanged by line " + before);
            }
        }
        assertTrue(lines.contains(lineOf(main, "int sum = a + b;") + 1), "stepped past the sum line: " + lines);
        assertInstanceOf(StopReason.SteppingRange.class, t.lastStop().reason());

        // a local and a register
        RuedoStackFrame s = (RuedoStackFrame) thread.getTopStackFrame();
        IVariable cpus = variable(s.getVariables(), "cpus");
        assertEquals("1", cpus.getValue().getValueString());
        IVariable sum = variable(s.getVariables(), "sum");
        assertEquals("13", sum.getValue().getValueString());
        // edited in the Variables view: -var-assign changes the guest's memory
        assertTrue(sum.supportsValueModification());
        sum.setValue("sum * 2");
        assertEquals("26", sum.getValue().getValueString());
        assertEquals("26", t.evaluate(1, 0, "sum"));
        IRegisterGroup gp = null;
        for (IRegisterGroup g : s.getRegisterGroups()) {
            if (g.getName().equals("General Purpose")) {
                gp = g;
            }
        }
        assertNotNull(gp);
        IRegister rip = (IRegister) variable(gp.getRegisters(), "rip");
        assertEquals(Long.decode(s.frame().addr()), Long.decode(rip.getValue().getValueString()));
        IRegister r11 = (IRegister) variable(gp.getRegisters(), "r11");   // caller-saved scratch: safe to change here
        r11.setValue("0x1234 + 1");
        assertEquals("0x1235", r11.getValue().getValueString());
        assertEquals("4661", t.evaluate(1, 0, "$r11"));
        assertEquals("13", t.evaluate(1, 0, "a + b"));
        // watch expressions (Expressions view) through the registered delegate
        var delegate = DebugPlugin.getDefault().getExpressionManager().newWatchExpressionDelegate(RuedoLineBreakpoint.MODEL_ID);
        assertTrue(delegate instanceof org.ruedo.debug.model.RuedoWatchExpressionDelegate, String.valueOf(delegate));
        var results = new java.util.concurrent.ArrayBlockingQueue<org.eclipse.debug.core.model.IWatchExpressionResult>(1);
        delegate.evaluateExpression("a * 10 + b", s, results::add);
        var watched = results.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(watched, "watch expression evaluated");
        assertFalse(watched.hasErrors(), Arrays.toString(watched.getErrorMessages()));
        assertEquals("49", watched.getValue().getValueString());
        var bad = org.ruedo.debug.model.RuedoWatchExpressionDelegate.evaluate("no_such_symbol", s);
        assertTrue(bad.hasErrors() && bad.getErrorMessages()[0].contains("no_such_symbol"), Arrays.toString(bad.getErrorMessages()));
        byte[] mb = t.getMemoryBlock(0x100000, 4).getBytes();
        assertEquals(0x02, mb[0] & 0xff, "Multiboot magic at 1 MiB");
        assertEquals(0x1b, mb[3] & 0xff);

        // a line breakpoint in a kernel .c file, then continue
        Path printk = project.getLocation().toPath().resolve("kernel/lib/printk.c");
        int bpLine = lineOf(printk, "int n = vformat_stream(");
        IFile printkFile = project.getFile("kernel/lib/printk.c");
        RuedoLineBreakpoint bp = RuedoBreakpoints.toggleLineBreakpoint(printkFile, bpLine);
        assertNotNull(bp);
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop() != null && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "breakpoint");
        RuedoStackFrame hit = top(t);
        assertEquals("vprintk", hit.frame().func());
        assertEquals(bpLine, hit.getLineNumber());
        assertTrue(hit.sourcePath().endsWith("kernel/lib/printk.c"), hit.sourcePath());
        assertTrue(Arrays.asList(hit.getThread().getBreakpoints()).contains(bp));
        IStackFrame[] stack = hit.getThread().getStackFrames();
        assertTrue(Arrays.stream(stack).anyMatch(x -> ((RuedoStackFrame) x).frame().func().equals("main")), "main is below vprintk");

        // terminate: no gdb, no QEMU left
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        launch.terminate();
        waitFor(launch::isTerminated, 20, "terminated");
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 10, "gdb gone");
        assertFalse(ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), "QEMU gone");
    }

    /**
     * Run to Line into another function: from the app's main to a line of the kernel's vprintk (which
     * {@code -exec-until} could not reach: it stops when main's frame would return). Then a Run to Line
     * that is not reached because a breakpoint comes first: its temporary breakpoint is gone from gdb
     * once the guest runs on.
     */
    @Test
    void runToLineInAnotherFunctionAndOneNotReached() throws Exception {
        Path main = project.getLocation().toPath().resolve("main.c");
        Path printk = project.getLocation().toPath().resolve("kernel/lib/printk.c");
        RuedoDebugTarget t = debug(1);
        org.ruedo.debug.model.RuedoThread thread = (org.ruedo.debug.model.RuedoThread) top(t).getThread();
        int kernelLine = lineOf(printk, "int n = vformat_stream(");
        t.runToLine(thread, printk, kernelLine);
        waitFor(() -> t.isSuspended() && t.lastStop() != null && t.lastStop().frame() != null
                && t.lastStop().frame().line() == kernelLine, 30, "run to printk.c:" + kernelLine);
        assertInstanceOf(StopReason.LocationReached.class, t.lastStop().reason());
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
        waitFor(() -> {
            try {
                return userBreakpoints(t).size() == 1;
            } catch (org.ruedo.debug.mi.MIException e) {
                throw new AssertionError(e);
            }
        }, 10, "user breakpoint removed from gdb");
        t.resume();   // drops the stale Run to Line breakpoint: the guest runs to its end
        waitFor(t::isTerminated, 30, "guest ran to its end");
        assertEquals(0, t.qemu().process().getExitValue());
    }

    @Test
    void runToLineConditionChildrenAndDisable() throws Exception {
        Path main = project.getLocation().toPath().resolve("main.c");
        RuedoDebugTarget t = debug(1);
        org.ruedo.debug.model.RuedoThread thread = (org.ruedo.debug.model.RuedoThread) top(t).getThread();
        int sumLine = lineOf(main, "int sum = a + b;");
        t.runToLine(thread, main, sumLine);
        waitFor(() -> t.isSuspended() && t.lastStop().frame().line() == sumLine, 30, "run to line " + sumLine);

        Path printk = project.getLocation().toPath().resolve("kernel/lib/printk.c");
        int bpLine = lineOf(printk, "int n = vformat_stream(");
        // a conditional breakpoint (condition set before it is added, so gdb gets it with the insert)
        RuedoLineBreakpoint bp = new RuedoLineBreakpoint(project.getFile("kernel/lib/printk.c"), bpLine);
        bp.setCondition("fmt[0] == '2'");            // only the "2^2 + 3^2 = %d" message
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "conditional breakpoint");
        RuedoStackFrame hit = top(t);
        assertEquals("vprintk", hit.frame().func());
        assertTrue(t.evaluate(thread.id(), 0, "fmt[0]").contains("'2'"), t.evaluate(thread.id(), 0, "fmt"));

        // children: a va_list parameter is a pointer to struct __va_list_tag: its fields are the children
        IVariable ap = variable(hit.getVariables(), "ap");
        assertTrue(ap.getValue().hasVariables());
        IVariable[] fields = ap.getValue().getVariables();
        assertEquals(4, fields.length);
        assertEquals("gp_offset", fields[0].getName());
        assertEquals("reg_save_area", fields[3].getName());
        assertTrue(Integer.parseInt(fields[0].getValue().getValueString()) >= 8, "gp_offset past the fmt argument");

        // disabled: the guest runs to its end without stopping again
        bp.setEnabled(false);
        waitForGdbBreakpoint(t, b -> "vprintk".equals(b.func()) && !b.enabled(), "breakpoint disabled in gdb");
        t.resume();
        waitFor(t::isTerminated, 30, "guest ran to its end");
        assertEquals(0, t.qemu().process().getExitValue());
    }

    @Test
    void twoCpusAreTwoThreads() throws Exception {
        RuedoDebugTarget t = debug(2);
        assertEquals(2, t.getThreads().length, Arrays.toString(t.getThreads()));
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        launch.terminate();
        waitFor(launch::isTerminated, 20, "terminated");
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 10, "gdb gone");
        assertFalse(ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void gdbDyingEndsTheSessionWithAMessage() throws Exception {
        RuedoDebugTarget t = debug(1);
        long qemuPid = t.qemu().pid();
        t.gdbProcess().destroyForcibly();
        waitFor(t::isTerminated, 20, "session ended");
        assertTrue(t.terminationMessage() != null && t.terminationMessage().contains("gdb"), t.terminationMessage());
        waitFor(() -> !ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), 10, "QEMU gone");
    }

    @Test
    void guestExitEndsTheSession() throws Exception {
        RuedoDebugTarget t = debug(1);
        long gdbPid = t.gdbProcess().pid();
        t.resume();
        waitFor(t::isTerminated, 30, "guest ran to its end");
        assertEquals(0, t.qemu().process().getExitValue());
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 10, "gdb gone");
    }

    @Test
    void stepIntoAndReturnConsoleAndMemoryByExpression() throws Exception {
        Path main = project.getLocation().toPath().resolve("main.c");
        RuedoDebugTarget t = debug(1);
        org.ruedo.debug.model.RuedoThread thread = (org.ruedo.debug.model.RuedoThread) top(t).getThread();
        // step over "int cpus = cpu_count();", then into square(2)
        int aLine = lineOf(main, "int a = square(2);");
        t.runToLine(thread, main, aLine);
        waitFor(() -> t.isSuspended() && t.lastStop().frame().line() == aLine, 30, "run to line " + aLine);
        thread.stepInto();
        waitFor(() -> t.isSuspended() && !thread.isStepping(), 30, "step into");
        RuedoStackFrame in = (RuedoStackFrame) thread.getTopStackFrame();
        assertEquals("square", in.frame().func());
        assertEquals("2", variable(in.getVariables(), "x").getValue().getValueString());
        assertEquals("main", ((RuedoStackFrame) thread.getStackFrames()[1]).frame().func());
        thread.stepReturn();
        waitFor(() -> t.isSuspended() && !thread.isStepping(), 30, "step return");
        assertInstanceOf(StopReason.FunctionFinished.class, t.lastStop().reason());
        assertEquals("main", ((RuedoStackFrame) thread.getTopStackFrame()).frame().func());

        // the gdb console: a CLI command's output comes back as console text
        StringBuffer console = new StringBuffer();
        t.addConsoleListener(console::append);
        t.cli("print square(4) + 1");
        waitFor(() -> console.toString().contains("= 17"), 20, "console output, got: " + console);
        t.cli("no-such-command");
        waitFor(() -> console.toString().contains("Undefined command"), 20, "console error, got: " + console);

        // memory by expression (Memory view monitor): the multiboot header, then a write to a local
        var mb = t.getExtendedMemoryBlock("0x100000", thread.getTopStackFrame());
        assertEquals(0x100000L, mb.getBigBaseAddress().longValue());
        var bytes = mb.getBytesFromOffset(java.math.BigInteger.ZERO, 4);
        assertEquals(0x02, bytes[0].getValue() & 0xff);
        assertTrue(bytes[0].isReadable());
        var cpusBlock = t.getExtendedMemoryBlock("&cpus", thread.getTopStackFrame());
        assertEquals(Long.decode(t.evaluate(thread.id(), 0, "(unsigned long)&cpus")), cpusBlock.getBigBaseAddress().longValue());
        cpusBlock.setValue(java.math.BigInteger.ZERO, new byte[] { 7, 0, 0, 0 });
        assertEquals("7", t.evaluate(thread.id(), 0, "cpus"));
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        launch.terminate();
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 10, "gdb gone");
        waitFor(() -> !ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), 10, "QEMU gone");
    }

    @Test
    void dwarfPathsFromAnotherMachineMapByTheirTail() {
        Object[] found = RuedoSourceLookupParticipant.find("/home/builder/elsewhere/dbg/kernel/lib/printk.c");
        assertEquals(1, found.length);
        assertEquals(project.getFile("kernel/lib/printk.c"), found[0]);
        assertEquals(0, RuedoSourceLookupParticipant.find("/home/builder/elsewhere/no-such-file.c").length);
    }

    @Test
    void functionBreakpointThenConditionChangedWhileSuspended() throws Exception {
        // set before the launch: installed when the session starts
        var bp = RuedoBreakpoints.addFunctionBreakpoint(project, "square");
        RuedoDebugTarget t = debug(1);
        // stop at main comes first, then the function breakpoint: square(2)
        assertEquals("main", top(t).frame().func());
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "function breakpoint");
        RuedoStackFrame hit = top(t);
        assertEquals("square", hit.frame().func());
        assertTrue(Arrays.asList(hit.getThread().getBreakpoints()).contains(bp));
        assertEquals("main", ((RuedoStackFrame) hit.getThread().getStackFrames()[1]).frame().func());
        // a condition that never holds, set while suspended: square(3) no longer stops, the guest runs to its end
        bp.setCondition("1 == 0");
        waitForGdbBreakpoint(t, b -> "square".equals(b.func()) && "1 == 0".equals(b.condition()), "condition in gdb");
        t.resume();
        waitFor(t::isTerminated, 30, "guest ran to its end");
        assertEquals(0, t.qemu().process().getExitValue());
        assertThrows(org.eclipse.core.runtime.CoreException.class, () -> RuedoBreakpoints.addFunctionBreakpoint(project, "not a name"));
    }

    @Test
    void withoutStopAtMainTheGuestRunsToItsEndUnderGdb() throws Exception {
        RuedoDebugTarget t = launchDebug(1, false);
        long gdbPid = t.gdbProcess().pid();
        waitFor(t::isTerminated, 60, "guest ran to its end");
        assertEquals(null, t.lastStop(), "never suspended");
        assertEquals(0, t.qemu().process().getExitValue());
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 10, "gdb gone");
    }

    /**
     * A line breakpoint in a kernel header: {@code outb} in arch/io.h is {@code static inline} and inlined
     * in serial.c, timer.c, lapic.c, panic.c...; gdb places the one breakpoint at every inlined copy.
     */
    @Test
    void lineBreakpointOnAnInlinedHeaderFunctionHasSeveralLocations() throws Exception {
        Path io = project.getLocation().toPath().resolve("kernel/arch/x86_64/include/arch/io.h");
        int outbLine = lineOf(io, "static inline void outb(");
        RuedoDebugTarget t = debug(1);
        RuedoLineBreakpoint bp = RuedoBreakpoints.toggleLineBreakpoint(project.getFile("kernel/arch/x86_64/include/arch/io.h"), outbLine);
        assertNotNull(bp);
        // gdb has it once, with its inlined copies as locations
        waitForGdbBreakpoint(t, b -> b.fullname() != null && b.fullname().endsWith("arch/io.h") && b.line() == outbLine,
                "the io.h breakpoint in gdb");
        org.ruedo.debug.mi.MIBreakpoint inGdb = t.mi().execute(new org.ruedo.debug.mi.commands.BreakList()).stream()
                .filter(b -> b.line() == outbLine).findFirst().orElseThrow();
        assertTrue(inGdb.isMultiple(), "several locations: " + inGdb);
        assertEquals("<MULTIPLE>", inGdb.addr());
        assertTrue(inGdb.locations().size() >= 3, inGdb.locations().toString());
        assertEquals(inGdb.locations().size(), inGdb.locations().stream().map(l -> l.addr()).distinct().count(), "distinct addresses");
        assertTrue(inGdb.locations().stream().allMatch(l -> l.line() == outbLine && "outb".equals(l.func())),
                inGdb.locations().toString());
        assertEquals(1, t.mi().execute(new org.ruedo.debug.mi.commands.BreakList()).stream()
                .filter(b -> b.fullname() != null && b.fullname().endsWith("arch/io.h")).count(), "one gdb breakpoint");

        // main's first printk writes the serial port: the breakpoint is hit in an inlined copy
        t.resume();
        waitFor(() -> t.isSuspended() && t.lastStop() != null && t.lastStop().reason() instanceof StopReason.BreakpointHit, 30, "outb hit");
        assertEquals(inGdb.number(), t.lastStop().breakpoint());
        RuedoStackFrame hit = top(t);
        assertEquals("outb", hit.frame().func());
        assertEquals(outbLine, hit.getLineNumber());
        assertTrue(hit.sourcePath().endsWith("kernel/arch/x86_64/include/arch/io.h"), hit.sourcePath());
        assertTrue(Arrays.asList(hit.getThread().getBreakpoints()).contains(bp), "the one platform breakpoint is the one hit");
        long addr = Long.decode(hit.frame().addr());
        assertTrue(inGdb.locations().stream().anyMatch(l -> Long.decode(l.addr()) == addr),
                "stopped at one of the locations: " + hit.frame().addr());
        assertEquals(1, t.mi().execute(new org.ruedo.debug.mi.commands.BreakList()).stream()
                .filter(b -> b.line() == outbLine).findFirst().orElseThrow().times());

        // removed: gdb no longer has it, and the guest runs to its end without stopping again
        assertEquals(null, RuedoBreakpoints.toggleLineBreakpoint(project.getFile("kernel/arch/x86_64/include/arch/io.h"), outbLine));
        waitFor(() -> {
            try {
                return userBreakpoints(t).isEmpty();
            } catch (org.ruedo.debug.mi.MIException e) {
                throw new AssertionError(e);
            }
        }, 10, "breakpoint gone from gdb's -break-list");
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        t.resume();
        waitFor(t::isTerminated, 30, "guest ran to its end");
        assertEquals(0, t.qemu().process().getExitValue());
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 10, "gdb gone");
        waitFor(() -> !ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), 10, "QEMU gone");
    }

    /**
     * Suspend (the Debug view's pause button) on a guest that never stops by itself: two CPUs, main spins
     * on CPU 0. gdb interrupts QEMU's gdbstub ({@code -exec-interrupt}); every thread is then suspended
     * with frames; resumed, the guest really runs on (the counter grows); terminate leaves no process.
     */
    @Test
    void suspendARunningGuestResumeAndTerminate() throws Exception {
        Files.writeString(project.getLocation().toPath().resolve("main.c"), """
                /* spins forever: only a debugger's suspend stops it */
                #include <ruedo.h>

                static volatile unsigned long spins;

                int main(void)
                {
                    printk("spinning on CPU %d\\n", cpu_id());
                    for (;;)
                        spins++;
                    return 0;
                }
                """);
        project.refreshLocal(org.eclipse.core.resources.IResource.DEPTH_INFINITE, null);
        RuedoDebugTarget t = launchDebug(2, false);
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        waitFor(() -> t.qemu().serialText().contains("spinning on CPU 0"), 60, "guest in its loop, serial: " + t.qemu().serialText());
        assertFalse(t.isSuspended());
        assertEquals(2, t.getThreads().length);
        IThread cpu0 = t.getThreads()[0];
        assertTrue(cpu0.canSuspend());

        List<org.eclipse.debug.core.DebugEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.eclipse.debug.core.IDebugEventSetListener listener = es -> events.addAll(Arrays.asList(es));
        DebugPlugin.getDefault().addDebugEventListener(listener);
        try {
            cpu0.suspend();
            waitFor(t::isSuspended, 20, "suspended");
            // the Debug view learns it from a SUSPEND event per thread, by client request
            waitFor(() -> Arrays.stream(t.getThreads()).allMatch(th -> events.stream().anyMatch(e -> e.getSource() == th
                    && e.getKind() == org.eclipse.debug.core.DebugEvent.SUSPEND
                    && e.getDetail() == org.eclipse.debug.core.DebugEvent.CLIENT_REQUEST)), 10, "SUSPEND events: " + events);
        } finally {
            DebugPlugin.getDefault().removeDebugEventListener(listener);
        }
        assertEquals(new StopReason.Signal("SIGINT", "Interrupt"), t.lastStop().reason());
        long first = spinsIn(t);
        for (IThread th : t.getThreads()) {
            assertTrue(th.isSuspended(), th.getName());
            assertTrue(th.canResume() && !th.canSuspend(), th.getName());
            assertNotNull(th.getTopStackFrame(), th.getName() + " has a frame");
        }
        assertTrue(Arrays.stream(t.getThreads()).anyMatch(th -> {
            try {
                return Arrays.stream(th.getStackFrames()).anyMatch(f -> "main".equals(((RuedoStackFrame) f).frame().func()));
            } catch (org.eclipse.debug.core.DebugException e) {
                throw new AssertionError(e);
            }
        }), "one CPU is in main's loop");

        // resume: it runs again; suspend through the target this time: the counter has moved on
        t.resume();
        waitFor(() -> !t.isSuspended(), 10, "running again");
        assertTrue(t.canSuspend());
        Thread.sleep(300);
        t.suspend();
        waitFor(t::isSuspended, 20, "suspended again");
        long second = spinsIn(t);
        assertTrue(second > first, "the guest ran between the suspends: " + first + " then " + second);

        t.resume();
        waitFor(() -> !t.isSuspended(), 10, "running before terminate");
        launch.terminate();
        waitFor(launch::isTerminated, 20, "terminated");
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 10, "gdb gone");
        waitFor(() -> !ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), 10, "QEMU gone");
    }

    private static long spinsIn(RuedoDebugTarget t) throws Exception {
        return Long.parseLong(t.evaluate(1, 0, "spins").strip());
    }

    /** gdb's breakpoints ({@code -break-list}) other than the fault hook's, which every session has. */
    private static List<org.ruedo.debug.mi.MIBreakpoint> userBreakpoints(RuedoDebugTarget t) throws org.ruedo.debug.mi.MIException {
        return t.mi().execute(new org.ruedo.debug.mi.commands.BreakList()).stream().filter(b -> b.number() != t.faultBreakpoint()).toList();
    }

    /** Waits until gdb's own breakpoint table ({@code -break-list}) has a matching breakpoint. */
    private static void waitForGdbBreakpoint(RuedoDebugTarget t, java.util.function.Predicate<org.ruedo.debug.mi.MIBreakpoint> p,
            String what) throws InterruptedException {
        waitFor(() -> {
            try {
                return t.mi().execute(new org.ruedo.debug.mi.commands.BreakList()).stream().anyMatch(p);
            } catch (org.ruedo.debug.mi.MIException e) {
                throw new AssertionError(e);
            }
        }, 10, what);
    }
}
