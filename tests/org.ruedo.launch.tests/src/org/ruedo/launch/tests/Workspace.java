package org.ruedo.launch.tests;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.model.IProcess;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.tests.support.Projects;
import org.ruedo.tests.support.WorkspaceProjects;

/** Test helpers: real-kernel projects in the workspace, launch configurations, waiting, pid checks. */
public final class Workspace {
    private Workspace() {
    }

    /** Repository root. */
    public static Path root() {
        return Projects.root();
    }

    /** A workspace project over an existing directory (e.g. kernel/examples/hello), with the nature. */
    public static IProject project(String name, Path dir) throws Exception {
        return WorkspaceProjects.open(name, dir);
    }

    /** An app project in {@code dir} against the repository's kernel, with the given main.c. */
    public static Path appProject(Path dir, String name, String mainC) throws Exception {
        return Projects.app(dir, name, root().resolve("kernel").toString(), mainC);
    }

    /** A run configuration for a project. */
    public static ILaunchConfigurationWorkingCopy config(IProject p, String name) throws Exception {
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, name);
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, p.getName());
        return wc;
    }

    /** Waits until the launch's processes terminated; fails after the timeout. */
    public static IProcess await(ILaunch launch, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            IProcess[] ps = launch.getProcesses();
            if (ps.length > 0 && ps[0].isTerminated()) {
                return ps[0];
            }
            Thread.sleep(20);
        }
        throw new AssertionError("launch did not terminate within " + seconds + " s");
    }

    /** Waits until a condition holds. */
    public static void waitFor(java.util.function.BooleanSupplier c, int seconds, String what) throws Exception {
        Projects.waitFor(c, seconds, what);
    }

    /** Live QEMU processes whose command line mentions {@code text}. */
    public static List<ProcessHandle> qemusWith(String text) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("qemu-system-x86_64") && c.contains(text)).orElse(false))
                .toList();
    }
}
