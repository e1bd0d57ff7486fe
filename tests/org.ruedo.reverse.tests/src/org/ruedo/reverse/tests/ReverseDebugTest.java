package org.ruedo.reverse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.debug.internal.service.RunControlService.StepKind;
import org.ruedo.debug.internal.service.RunControlService.StepUnit;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.debug.mi.commands.InterpreterExecConsole;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.tests.support.ToolProcesses;

/**
 * Issue 15's acceptance scenario with real gdb 13 and QEMU 7.2: record the lost-config app's crashing
 * run (Run mode, "Record this run"), debug the recording, and at the fault find the write that
 * corrupted {@code current_config} with a watchpoint and Reverse Resume; Reverse Step Over goes back one
 * line; forward Resume reaches the same fault at the same PC.
 */
class ReverseDebugTest {
    @TempDir
    Path tmp;
    private IProject project;
    private ILaunch launch;
    private ToolProcesses tools;

    @BeforeEach
    void setUp() throws Exception {
        tools = ToolProcesses.record();
        Path dir = ReplayFixture.lostConfig(tmp.resolve("lostconfig"));
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        project = ws.getRoot().getProject("lostconfig");
        IProjectDescription d = ws.newProjectDescription("lostconfig");
        d.setLocation(IPath.fromPath(dir));
        project.create(d, null);
        project.open(null);
        RuedoProjects.addNature(project, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (launch != null && !launch.isTerminated()) {
                launch.terminate();
            }
            tools.assertNoneLeft();
        } finally {
            project.delete(false, true, null);
        }
    }

    private ILaunchConfigurationWorkingCopy config(String name) throws CoreException {
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, name);
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, "lostconfig");
        return wc;
    }

    private static RuedoStackFrame top(RuedoDebugTarget t) throws Exception {
        RuedoThread th = t.thread(t.lastStop().threadId());
        return (RuedoStackFrame) th.getTopStackFrame();
    }

    private static String pc(RuedoDebugTarget t) throws Exception {
        return t.evaluate(t.lastStop().threadId(), 0, "(long)$pc");
    }

    @Test
    void watchpointAndReverseResumeFindTheWriteThenForwardReachesTheSameFault() throws Exception {
        Path main = project.getLocation().toPath().resolve("main.c");
        // 1. a recorded Run: crashes, says so with the line the IDE links, leaves the recording
        ILaunchConfigurationWorkingCopy run = config("lostconfig-record");
        run.setAttribute(LaunchConstants.ATTR_RECORD, true);
        launch = run.launch(ILaunchManager.RUN_MODE, null);
        ILaunch recorded = launch;
        ReplayFixture.waitFor(recorded::isTerminated, 300, "the recorded run to end");
        IProcess p = recorded.getProcesses()[0];
        String err = p.getStreamsProxy().getErrorStreamMonitor().getContents();
        assertTrue(err.contains("recorded: Debug the recording to step back from the crash"), err);
        Path rec = project.getLocation().toPath().resolve("build/lostconfig.replay");
        assertTrue(Files.size(rec.resolve("run.rr")) > 0, "replay log written");
        assertTrue(Files.isRegularFile(rec.resolve("snapshots.qcow2")), "snapshot image");
        assertEquals(rec.toString(), p.getAttribute(LaunchConstants.PROC_RECORDING));

        // 2. debug the recording: it runs to the fault
        ILaunchConfigurationWorkingCopy dbg = config("lostconfig-replay");
        dbg.setAttribute(LaunchConstants.ATTR_REPLAY, "build/lostconfig.replay");
        dbg.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, false);
        launch = dbg.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
        assertNotNull(t);
        assertTrue(t.isReplay());
        ReplayFixture.waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.Fault, 300, "the fault");
        assertEquals("read_config", top(t).frame().func());
        assertEquals(ReplayFixture.lineOf(main, "return current_config->value;"), top(t).getLineNumber());
        String faultPc = pc(t);
        assertTrue(t.getName().contains("[replay of lostconfig.replay"), t.getName());

        // 3. a watchpoint on the corrupted global, Reverse Resume: the writing line, old and new values
        t.mi().execute(new InterpreterExecConsole("watch current_config"));
        t.reverse(null, null, StepUnit.LINE);
        ReplayFixture.waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.WatchpointTrigger, 600,
                "Reverse Resume to the watchpoint");
        StopReason.WatchpointTrigger w = assertInstanceOf(StopReason.WatchpointTrigger.class, t.lastStop().reason());
        assertEquals("current_config", w.expression());
        assertTrue(w.oldValue().contains("the_config"), "old value " + w.oldValue());
        assertTrue(w.newValue().endsWith(" 0x0"), "new value " + w.newValue());     // "(struct config *) 0x0"
        RuedoStackFrame f = top(t);
        assertEquals("forget_config", f.frame().func());
        int writeLine = ReplayFixture.lineOf(main, "current_config = 0;");
        assertEquals(writeLine, f.getLineNumber());
        String label = t.thread(t.lastStop().threadId()).stateLabel();     // h7's label: "watchpoint 'x' changed OLD -> NEW"
        assertTrue(label.contains("watchpoint 'current_config' changed") && label.endsWith("-> (struct config *) 0x0"), label);
        assertTrue(t.replayPosition() > 0, "position known: " + t.replayPosition());
        assertTrue(t.getName().contains(", instruction " + t.replayPosition()), t.getName());
        // not written yet: the writing instruction is the one about to run
        assertTrue(t.evaluate(t.lastStop().threadId(), 0, "current_config").contains("the_config"));

        // 4. Reverse Step Over: exactly one source line back
        t.reverse(t.thread(t.lastStop().threadId()), StepKind.OVER, StepUnit.LINE);
        ReplayFixture.waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.SteppingRange, 300, "Reverse Step Over");
        assertEquals("forget_config", top(t).frame().func());
        assertEquals(writeLine - 1, top(t).getLineNumber());

        // 5. forward Resume reaches the fault again, same PC
        t.mi().execute(new InterpreterExecConsole("delete " + w.number()));
        t.resume();
        ReplayFixture.waitFor(() -> t.isSuspended() && t.lastStop().reason() instanceof StopReason.Fault, 300, "the fault again");
        assertEquals(faultPc, pc(t));
        assertEquals("read_config", top(t).frame().func());
    }
}
