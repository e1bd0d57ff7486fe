package org.ruedo.launch.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.model.IProcess;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.launch.LaunchConstants;

/** Test helpers: real-kernel projects in the workspace, launch configurations, waiting, pid checks. */
public final class Workspace {
    private Workspace() {
    }

    /** Repository root. */
    public static Path root() {
        String r = System.getProperty("ruedo.root");
        Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("kernel/kernel.toml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository's kernel/");
        }
        return p;
    }

    /** A workspace project over an existing directory (e.g. kernel/examples/hello), with the nature. */
    public static IProject project(String name, Path dir) throws Exception {
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        IProject p = ws.getRoot().getProject(name);
        if (p.exists()) {
            p.delete(false, true, null);
        }
        IProjectDescription d = ws.newProjectDescription(name);
        d.setLocation(IPath.fromPath(dir));
        p.create(d, null);
        p.open(null);
        RuedoProjects.addNature(p, null);
        return p;
    }

    /** An app project in {@code dir} against the repository's kernel, with the given main.c. */
    public static Path appProject(Path dir, String name, String mainC) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"" + name + "\"\nkernel = \""
                + root().resolve("kernel") + "\"\n[app]\nsources = [\"*.c\"]\n");
        Files.writeString(dir.resolve("main.c"), mainC);
        return dir;
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
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Live QEMU processes whose command line mentions {@code text}. */
    public static List<ProcessHandle> qemusWith(String text) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("qemu-system-x86_64") && c.contains(text)).orElse(false))
                .toList();
    }
}
