package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.eclipse.debug.core.model.IThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.debug.breakpoints.RuedoAddressBreakpoint;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.breakpoints.RuedoWatchpoint;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.mi.commands.BreakWatch;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.tests.support.ToolProcesses;

/**
 * Issue 13 with real gdb 13 and QEMU at -smp 2 on the multicore example: the disassembly model against
 * objdump, instruction stepping, address breakpoints (also stale ones) and watchpoints.
 */
class RealGdbInstructionTest {
    @TempDir
    Path tmp;
    private IProject project;
    private ILaunch launch;
    private ToolProcesses tools;
    private Path main;

    @BeforeEach
    void project() throws Exception {
        Path root = org.ruedo.tests.support.Projects.root();
        Path dir = tmp.resolve("insn");
        org.ruedo.tests.support.Projects.copyTree(root.resolve("kernel"), dir.resolve("kernel"));
        main = dir.resolve("main.c");
        Files.copy(root.resolve("kernel/examples/multicore/main.c"), main);
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(root.resolve("kernel/examples/multicore/unikernel.toml"))
                .replace("kernel = \"../..\"", "kernel = \"kernel\""));
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        project = ws.getRoot().getProject("insn");
        IProjectDescription d = ws.newProjectDescription("insn");
        d.setLocation(IPath.fromPath(dir));
        project.create(d, null);
        project.open(null);
        RuedoProjects.addNature(project, null);
        tools = ToolProcesses.record();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (launch != null && !launch.isTerminated()) {
                launch.terminate();
            }
            tools.assertNoneLeft();
        } finally {
            var mgr = DebugPlugin.getDefault().getBreakpointManager();
            mgr.removeBreakpoints(mgr.getBreakpoints(RuedoLineBreakpoint.MODEL_ID), true);
            project.delete(false, true, null);
        }
    }

    private RuedoDebugTarget debug() throws Exception {
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, "insn");
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, "insn");
        wc.setAttribute(LaunchConstants.ATTR_CPUS, 2);
        wc.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, true);
        launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget target = (RuedoDebugTarget) launch.getDebugTarget();
        assertNotNull(target);
        org.ruedo.tests.support.Projects.waitFor(target::isSuspended, 90, "stop at main");
        return target;
    }

    private static RuedoThread stopped(RuedoDebugTarget t) throws Exception {
        int id = t.lastStop().threadId();
        for (IThread th : t.getThreads()) {
            if (((RuedoThread) th).id() == id) {
                return (RuedoThread) th;
            }
        }
        throw new AssertionError("no thread " + id);
    }

    private static long pc(RuedoThread th) throws Exception {
        return MIInstruction.parseAddress(((RuedoStackFrame) th.getTopStackFrame()).frame().addr());
    }

    private static void resumeAndWait(RuedoDebugTarget t, String what) throws Exception {
        t.resume();
        org.ruedo.tests.support.Projects.waitFor(() -> !t.isSuspended(), 30, "running before " + what);
        org.ruedo.tests.support.Projects.waitFor(t::isSuspended, 90, what);
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    /** objdump -d over [start, end): address and mnemonic per instruction. */
    private static List<String> objdump(Path elf, long start, long end) throws Exception {
        Process p = new ProcessBuilder("objdump", "-d", "--no-show-raw-insn", "--start-address=0x" + Long.toHexString(start),
                "--stop-address=0x" + Long.toHexString(end), elf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*([0-9a-f]+):\\s+(\\S+)").matcher(out);
        while (m.find()) {
            rows.add(Long.parseLong(m.group(1), 16) + " " + m.group(2));
        }
        return rows;
    }

    @Test
    void disassemblyOfMainIsObjdumpsAndStepiNextiAdvanceByInstructions() throws Exception {
        RuedoDebugTarget t = debug();
        RuedoThread th = stopped(t);
        long pc = pc(th);
        List<MIInstruction> fn = t.disassembly().function(pc);
        assertEquals("main", fn.get(0).function());
        List<String> expected = objdump(t.qemu().elf(), fn.get(0).address(), fn.get(fn.size() - 1).end());
        List<String> model = fn.stream().map(i -> i.address() + " " + i.mnemonic().split("\\s+")[0]).toList();
        assertTrue(expected.size() > 20, "objdump listed main: " + expected);
        assertEquals(expected, model, "the model's main is objdump's main");
        // source lines interleaved: main's first instruction is at 'int main(void)', and the body's lines appear
        int mainLine = lineOf(main, "int main(void)");
        assertTrue(fn.get(0).file().endsWith("/insn/main.c"), fn.get(0).file());
        assertEquals(List.of(mainLine + 1), fn.get(0).sourceLines(), "main's prologue is at its opening brace");
        Set<Integer> lines = new HashSet<>();
        fn.forEach(i -> lines.addAll(i.sourceLines()));
        assertTrue(lines.contains(lineOf(main, "int other = n - 1;")) || lines.contains(lineOf(main, "uint64_t t0 = uptime_us();")),
                "body lines interleaved: " + lines);
        assertEquals("    thread_t *t[8];", t.disassembly().sourceLine(fn.get(0).file(), mainLine + 3));

        // extension up and down across function boundaries (main is last in .text: use the scheduler's middle)
        List<MIInstruction> yield = t.disassembly().function(t.addressOf("&thread_yield"));
        MIInstruction mid = yield.get(yield.size() / 2);
        List<MIInstruction> around = t.disassembly().around(mid.address(), 100, 100);
        assertEquals(mid, around.get(100));
        for (int i = 1; i < around.size(); i++) {
            assertEquals(around.get(i - 1).end(), around.get(i).address(), "contiguous at " + i);
        }
        assertEquals(200, around.size());
        assertEquals(objdump(t.qemu().elf(), around.get(0).address(), around.get(199).end()),
                around.stream().map(i -> i.address() + " " + i.mnemonic().split("\\s+")[0]).toList());

        // three stepi: the PC moves by exactly the three instructions' lengths
        t.setInstructionStepping(true);
        for (int s = 0; s < 3; s++) {
            long before = pc(th);
            MIInstruction insn = t.disassembly().range(before, before + 1).get(0);
            assertFalse(insn.mnemonic().startsWith("call") || insn.mnemonic().startsWith("j"), "straight-line code: " + insn);
            th.stepInto();
            org.ruedo.tests.support.Projects.waitFor(() -> t.isSuspended() && !th.isStepping(), 30, "stepi " + s);
            assertEquals(insn.end(), pc(th), "stepi " + s + " over " + insn.text());
        }
        // nexti over the first call in main: an address breakpoint on it, then nexti lands right after it
        long now = pc(th);
        MIInstruction call = fn.stream().filter(i -> i.mnemonic().startsWith("call") && i.address() > now).findFirst().orElseThrow();
        RuedoAddressBreakpoint bp = RuedoBreakpoints.toggleAddressBreakpoint(project, call.address(), call.function(), call.offset());
        resumeAndWait(t, "the address breakpoint on " + call.symbolic());
        RuedoThread at = stopped(t);
        assertEquals(call.address(), pc(at));
        assertTrue(Arrays.asList(at.getBreakpoints()).contains(bp), "the address breakpoint is the thread's");
        at.stepOver();
        org.ruedo.tests.support.Projects.waitFor(() -> t.isSuspended() && !at.isStepping(), 60, "nexti");
        assertEquals(call.end(), pc(at), "nexti over " + call.text());
        t.setInstructionStepping(false);
    }

    @Test
    void addressBreakpointInSwitchContextHitOnThreadSwitchAndStaleOneNotSet() throws Exception {
        RuedoAddressBreakpoint stale = new RuedoAddressBreakpoint(project, 0x100000, "no_such_function_anymore", 4);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(stale);
        RuedoDebugTarget t = debug();
        assertTrue(stale.stale().contains("no longer in the image"), stale.stale());
        assertTrue(stale.getMarker().getAttribute(org.eclipse.core.resources.IMarker.MESSAGE, "").contains("[stale"));
        assertNull(t.installedNumber(stale), "a stale address breakpoint is not set");

        List<MIInstruction> sw = t.disassembly().function(t.addressOf("&switch_context"));
        assertEquals("switch_context", sw.get(0).function());
        MIInstruction second = sw.get(1);
        RuedoAddressBreakpoint bp = RuedoBreakpoints.toggleAddressBreakpoint(project, second.address(), "switch_context", second.offset());
        assertEquals("switch_context+1", second.symbolic());
        resumeAndWait(t, "switch_context+1");
        RuedoThread th = stopped(t);
        assertEquals(second.address(), pc(th));
        assertEquals("switch_context", ((RuedoStackFrame) th.getTopStackFrame()).frame().func());
        assertTrue(Arrays.asList(th.getBreakpoints()).contains(bp));
        // a wrong offset inside an instruction is refused, not set in the middle of it
        RuedoAddressBreakpoint inside = new RuedoAddressBreakpoint(project, second.address() + 1, "switch_context",
                sw.get(2).offset() + 1 == sw.get(3).offset() ? sw.get(3).offset() + 1 : sw.get(2).offset() + 1);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(inside);
        org.ruedo.tests.support.Projects.waitFor(() -> !inside.stale().isEmpty(), 30, "stale mark");
        assertTrue(inside.stale().contains("no longer the start of an instruction"), inside.stale());
    }

    @Test
    void writeReadAccessWatchpointsOnThePongCpuAndLocalScopeEnd() throws Exception {
        RuedoDebugTarget t = debug();
        RuedoWatchpoint w = RuedoBreakpoints.addWatchpoint(project, "rallies", BreakWatch.Kind.WRITE, "");
        org.ruedo.tests.support.Projects.waitFor(() -> t.installedNumber(w) != null, 30, "watchpoint installed");
        assertFalse(w.isSoftware(), "a hardware watchpoint: " + w.getMarker().getAttribute(org.eclipse.core.resources.IMarker.MESSAGE, ""));
        resumeAndWait(t, "rallies written");
        RuedoThread th = stopped(t);
        assertEquals("Suspended: watchpoint 'rallies' changed 0 -> 1", th.stateLabel());
        assertEquals(2, th.id(), "the pong player runs on the last CPU (gdb thread 2)");
        assertEquals(lineOf(main, "rallies++;"), th.getTopStackFrame().getLineNumber(), "the writing line");
        assertTrue(Arrays.asList(th.getBreakpoints()).contains(w));
        resumeAndWait(t, "rallies written again");
        assertEquals("Suspended: watchpoint 'rallies' changed 1 -> 2", stopped(t).stateLabel());
        // a condition: only the tenth rally
        w.setCondition("rallies == 10");
        resumeAndWait(t, "rallies == 10");
        assertEquals("Suspended: watchpoint 'rallies' changed 9 -> 10", stopped(t).stateLabel());
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(w, true);

        RuedoWatchpoint r = RuedoBreakpoints.addWatchpoint(project, "ball", BreakWatch.Kind.READ, "");
        resumeAndWait(t, "ball read");
        assertTrue(stopped(t).stateLabel().matches("Suspended: read watchpoint 'ball' = [01]"), stopped(t).stateLabel());
        assertTrue(((StopReason.WatchpointTrigger) t.lastStop().reason()).kind().equals("read"));
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(r, true);

        RuedoWatchpoint a = RuedoBreakpoints.addWatchpoint(project, "rallies", BreakWatch.Kind.ACCESS, "");
        resumeAndWait(t, "rallies accessed");
        assertTrue(stopped(t).stateLabel().matches("Suspended: access watchpoint 'rallies' (= \\d+|changed \\d+ -> \\d+)"),
                stopped(t).stateLabel());
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(a, true);

        // a local of main: when main returns gdb deletes it; the session says so and goes on to the guest's end
        RuedoLineBreakpoint atEnd = RuedoBreakpoints.toggleLineBreakpoint(project.getFile("main.c"), lineOf(main, "uint64_t dt = uptime_us() - t0;"));
        resumeAndWait(t, "after the ping-pong");
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(atEnd, true);
        RuedoWatchpoint local = RuedoBreakpoints.addWatchpoint(project, "before[0]", BreakWatch.Kind.WRITE, "");
        org.ruedo.tests.support.Projects.waitFor(() -> t.installedNumber(local) != null, 30, "local watchpoint installed");
        StringBuilder console = new StringBuilder();
        t.addConsoleListener(s -> {
            synchronized (console) {
                console.append(s);
            }
        });
        resumeAndWait(t, "main returns");
        assertTrue(t.lastStop().reason() instanceof StopReason.WatchpointScope, String.valueOf(t.lastStop()));
        assertTrue(stopped(t).stateLabel().contains("went out of scope"), stopped(t).stateLabel());
        synchronized (console) {
            assertTrue(console.toString().contains("deleted: the frame of its local variable ended"), console.toString());
        }
        t.resume();
        org.ruedo.tests.support.Projects.waitFor(t::isTerminated, 90, "the guest's end");
        assertEquals(0, t.qemu().process().getExitValue(), "multicore returned 0: " + t.qemu().serialText());
    }
}
