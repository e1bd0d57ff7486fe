package org.ruedo.fault.tests;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.tests.support.ToolProcesses;

/**
 * Every fault test ends with no QEMU or gdb of its own left: the pids of this JVM's QEMU/gdb
 * descendants are recorded before the test; any new one still alive afterwards (after terminating
 * the test's launches and a grace period) is killed and fails the test.
 */
abstract class FaultTestBase {
    @TempDir
    Path tmp;

    private ToolProcesses tools;

    @BeforeEach
    void recordProcesses() {
        tools = ToolProcesses.record();
    }

    @AfterEach
    void nothingLeftRunning() throws Exception {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        for (ILaunch l : lm.getLaunches()) {
            if (!l.isTerminated()) {
                l.terminate();
            }
            lm.removeLaunch(l);
        }
        // an auto-build still running on a project would recreate build/ under the temporary directory being deleted
        Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, null);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(false, true, null);
        }
        tools.assertNoneLeft();
    }

    /** Live QEMU and gdb processes started (directly or not) by this JVM. */
    static List<ProcessHandle> ourTools() {
        return org.ruedo.tests.support.ToolProcesses.ours();
    }
}
