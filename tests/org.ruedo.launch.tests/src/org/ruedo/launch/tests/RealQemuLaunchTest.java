package org.ruedo.launch.tests;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.ILaunch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.tests.support.ToolProcesses;
import org.ruedo.tests.support.WorkspaceProjects;

/** A test that launches real QEMUs: ends its launch, checks by pid that no QEMU/gdb it started is left, removes its projects. */
public abstract class RealQemuLaunchTest {
    @TempDir
    protected Path tmp;
    protected ILaunch launch;
    private ToolProcesses tools;

    @BeforeEach
    protected void recordProcesses() {
        tools = ToolProcesses.record();
    }

    /** Ends the launches; no QEMU started by the test may stay (checked by pid). */
    @AfterEach
    protected void cleanUp() throws Exception {
        try {
            tools.endAndAssertNoneLeft(launch);
        } finally {
            // let an auto-build finish before the temporary project directories are deleted
            WorkspaceProjects.deleteAll();
        }
    }

    /** kernel/examples/NAME of this repository as workspace project {@code ex-NAME}. */
    protected static IProject example(String name) throws Exception {
        return Workspace.project("ex-" + name, Workspace.root().resolve("kernel/examples/" + name));
    }
}
