package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.tests.support.Projects.copyTree;
import static org.ruedo.tests.support.Projects.root;
import static org.ruedo.tests.support.Projects.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.commands.BreakList;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.tests.support.ToolProcesses;

/**
 * Debug mode end to end with real gdb 13 and QEMU: a project laid out like the wizard makes it (app at
 * the root, the kernel sources under kernel/, kernel/examples/hello as the app unless a test writes its
 * own main.c), launched through the launch type in debug mode. Each test's launch is terminated and
 * removed afterwards, and no QEMU or gdb it started may be left (checked by pid).
 */
abstract class DebugTestBase {
    /**
     * A guest that keeps printing: a numbered line every few milliseconds, forever. Terminate must end
     * it at once; a suspend finds CPU 0 in {@code tick}.
     */
    static final String TICKING = """
            /* prints a numbered line forever: only a debugger's suspend or terminate stops it */
            #include <ruedo.h>

            static volatile unsigned long ticks;

            __attribute__((noinline)) static void tick(unsigned long n)
            {
                printk("tick %lu\\n", n);
            }

            int main(void)
            {
                printk("ticking on CPU %d\\n", cpu_id());
                for (;;) {
                    ticks++;
                    tick(ticks);
                    thread_sleep(2);
                }
                return 0;
            }
            """;

    @TempDir
    Path tmp;
    IProject project;
    ILaunch launch;
    private ToolProcesses tools;

    @BeforeEach
    void project() throws Exception {
        tools = ToolProcesses.record();
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

    /** Ends the session and removes the launch; no QEMU or gdb started by the test may stay (checked by pid). */
    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (launch != null) {
                if (!launch.isTerminated()) {
                    launch.terminate();
                }
                DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
            }
            tools.assertNoneLeft();
        } finally {
            DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                    DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID), true);
            project.delete(false, true, null);
        }
    }

    /** Replaces the app's main.c. */
    void writeMain(String source) throws Exception {
        Files.writeString(project.getLocation().toPath().resolve("main.c"), source);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
    }

    Path file(String relative) {
        return project.getLocation().toPath().resolve(relative);
    }

    RuedoDebugTarget debug(int cpus) throws Exception {
        RuedoDebugTarget target = launchDebug(cpus, true);
        waitFor(target::isSuspended, 60, "stop at main");
        return target;
    }

    RuedoDebugTarget launchDebug(int cpus, boolean stopAtMain) throws Exception {
        return launch(config(cpus, stopAtMain), ILaunchManager.DEBUG_MODE);
    }

    ILaunchConfigurationWorkingCopy config(int cpus, boolean stopAtMain) throws Exception {
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, "dbg-" + cpus);
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, "dbg");
        wc.setAttribute(LaunchConstants.ATTR_CPUS, cpus);
        wc.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, stopAtMain);
        return wc;
    }

    RuedoDebugTarget launch(ILaunchConfigurationWorkingCopy wc, String mode) throws Exception {
        launch = wc.launch(mode, null);
        RuedoDebugTarget target = (RuedoDebugTarget) launch.getDebugTarget();
        assertNotNull(target);
        return target;
    }

    /** The vCPU that stopped the guest (named by gdb's *stopped), never "the first thread". */
    static RuedoThread stoppedThread(RuedoDebugTarget t) {
        assertNotNull(t.lastStop(), "the guest stopped");
        RuedoThread th = t.thread(t.lastStop().threadId() > 0 ? t.lastStop().threadId() : 1);
        assertNotNull(th, "thread " + t.lastStop().threadId());
        return th;
    }

    /** The top frame of the vCPU that stopped the guest. */
    static RuedoStackFrame top(RuedoDebugTarget t) throws Exception {
        return (RuedoStackFrame) stoppedThread(t).getTopStackFrame();
    }

    static IVariable variable(IVariable[] vars, String name) throws Exception {
        for (IVariable v : vars) {
            if (v.getName().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no " + name);
    }

    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    /** gdb's breakpoints ({@code -break-list}) other than the fault hook's, which every session has. */
    static List<MIBreakpoint> userBreakpoints(RuedoDebugTarget t) throws MIException {
        return t.mi().execute(new BreakList()).stream().filter(b -> b.number() != t.faultBreakpoint()).toList();
    }

    /** Waits until gdb's own breakpoint table ({@code -break-list}) has a matching breakpoint. */
    static void waitForGdbBreakpoint(RuedoDebugTarget t, Predicate<MIBreakpoint> p, String what) throws InterruptedException {
        waitFor(() -> gdbBreakpoints(t).stream().anyMatch(p), 10, what);
    }

    static List<MIBreakpoint> gdbBreakpoints(RuedoDebugTarget t) {
        try {
            return t.mi().execute(new BreakList());
        } catch (MIException e) {
            throw new AssertionError(e);
        }
    }

    /** True when the serial text has {@code line} as a whole line (the serial port ends lines in CR LF). */
    static boolean hasLine(String serial, String line) {
        return ("\n" + serial.replace("\r", "")).contains("\n" + line + "\n");
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The guest ran to its end by itself: exit code 0, gdb and QEMU gone. */
    void assertRanToItsEnd(RuedoDebugTarget t) throws Exception {
        long gdbPid = t.gdbProcess().pid();
        long qemuPid = t.qemu().pid();
        waitFor(t::isTerminated, 30, "guest ran to its end");
        assertEquals(0, t.qemu().process().getExitValue());
        assertFalse(t.terminatedByUser());
        waitFor(() -> !alive(gdbPid), 10, "gdb gone");
        waitFor(() -> !alive(qemuPid), 10, "QEMU gone");
        assertTrue(launch.isTerminated());
    }
}
