package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault test ends with no QEMU or gdb of its own left: the pids of this JVM's QEMU/gdb
 * descendants are recorded before the test; any new one still alive afterwards (after terminating
 * the test's launches and a grace period) is killed and fails the test.
 */
abstract class FaultTestBase {
    @TempDir
    Path tmp;

    private Set<Long> toolsBefore;

    @BeforeEach
    void recordProcesses() {
        toolsBefore = ourTools().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
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
        long end = System.currentTimeMillis() + 10_000;
        List<ProcessHandle> left = leftovers();
        while (!left.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
            left = leftovers();
        }
        if (!left.isEmpty()) {
            String names = left.stream().map(Fixtures::describe).collect(Collectors.joining("\n  "));
            for (ProcessHandle h : left) {
                h.destroyForcibly();
                h.onExit().get(5, TimeUnit.SECONDS);
            }
            fail("the test left QEMU/gdb running (killed now):\n  " + names);
        }
    }

    private List<ProcessHandle> leftovers() {
        return ourTools().stream().filter(h -> !toolsBefore.contains(h.pid())).toList();
    }

    /** Live QEMU and gdb processes started (directly or not) by this JVM. */
    static List<ProcessHandle> ourTools() {
        return org.ruedo.tests.support.ToolProcesses.ours();
    }
}
