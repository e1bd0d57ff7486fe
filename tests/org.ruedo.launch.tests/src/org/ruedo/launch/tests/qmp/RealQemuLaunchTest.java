package org.ruedo.launch.tests.qmp;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.ILaunch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.tests.support.ToolProcesses;

/** A test that launches real QEMUs: ends its launch, checks by pid that no QEMU/gdb it started is left, removes its projects. */
abstract class RealQemuLaunchTest {
    @TempDir
    Path tmp;
    ILaunch launch;
    private ToolProcesses tools;

    @BeforeEach
    void recordProcesses() {
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
            org.eclipse.core.runtime.jobs.Job.getJobManager().join(org.eclipse.core.resources.ResourcesPlugin.FAMILY_AUTO_BUILD, null);
            for (IProject p : org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
                p.delete(false, true, null);
            }
        }
    }
}
