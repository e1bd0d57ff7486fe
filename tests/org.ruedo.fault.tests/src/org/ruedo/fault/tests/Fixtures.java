package org.ruedo.fault.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.tests.support.Projects;
import org.ruedo.tests.support.WorkspaceProjects;

/** Shared set-up for the fault tests: the real kernel tree, app projects, launch configurations, waiting. */
final class Fixtures {
    private Fixtures() {
    }

    /** An app whose main prints one line and then sleeps forever (the guest never exits on its own). */
    static final String SPIN = "#include <ruedo.h>\nint main(void)\n{\n    printk(\"spinning\\n\");\n    for (;;)\n        thread_sleep(20);\n}\n";

    /** The repository's kernel/ (from system property {@code ruedo.root}). */
    static Path kernel() {
        return Projects.kernel();
    }

    /** Polls {@code c} every 5 ms; fails naming {@code what} after {@code seconds}. */
    static void waitFor(BooleanSupplier c, int seconds, String what) throws InterruptedException {
        Projects.waitFor(c, seconds, what);
    }

    /** Writes a one-file app project ({@code unikernel.toml} + {@code main.c}) into {@code dir}. */
    static Path app(Path dir, String name, String kernelDir, String mainC) throws IOException {
        return Projects.app(dir, name, kernelDir, mainC);
    }

    /** A workspace project (with the Ruedo nature) located at {@code dir}. */
    static IProject project(String name, Path dir) throws CoreException {
        return WorkspaceProjects.open(name, dir);
    }

    /** A launch configuration of type {@code org.ruedo.launch.qemu} for the project. */
    static ILaunchConfigurationWorkingCopy config(IProject p) throws CoreException {
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, p.getName() + "-cfg");
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, p.getName());
        return wc;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Every live QEMU or gdb on the machine whose command line mentions {@code fragment} (e.g. a project dir). */
    static List<ProcessHandle> toolsMentioning(String fragment) {
        return ProcessHandle.allProcesses().filter(h -> isTool(h) && h.info().commandLine().map(c -> c.contains(fragment)).orElse(false))
                .toList();
    }

    /** Whether the process is a QEMU or a gdb. */
    static boolean isTool(ProcessHandle h) {
        return org.ruedo.tests.support.ToolProcesses.isTool(h);
    }

    static String describe(ProcessHandle h) {
        return h.pid() + " " + h.info().commandLine().orElse(h.info().command().orElse("?"));
    }

    /** Copies a tree, leaving out {@code build/} directories. */
    static void copy(Path from, Path to) throws IOException {
        Projects.copyTree(from, to);
    }
}
