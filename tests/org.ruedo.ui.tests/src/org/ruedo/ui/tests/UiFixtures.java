package org.ruedo.ui.tests;

import java.util.Arrays;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.ui.DebugUITools;
import org.ruedo.core.resources.ProblemMarkers;
import org.ruedo.ui.internal.wizards.NewUnikernelProjectWizard;

/** Projects made the way the wizard makes them, markers, and debug UI settings for unattended tests. */
final class UiFixtures {
    private UiFixtures() {
    }

    static IProject newProject(String name) throws CoreException {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (p.exists()) {
            p.delete(true, true, null);
        }
        return NewUnikernelProjectWizard.create(name, null, "hello", 1, new NullProgressMonitor());
    }

    static IMarker[] errors(IProject p) {
        try {
            return Arrays.stream(p.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE))
                    .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).toArray(IMarker[]::new);
        } catch (CoreException e) {
            throw new AssertionError(e);
        }
    }

    /** No "switch perspective?" prompts: they are modal and nobody would answer them. */
    static void quietDebugUi() {
        var store = DebugUITools.getPreferenceStore();
        store.setValue("org.eclipse.debug.ui.switch_to_perspective", "never");
        store.setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", "never");
        store.setValue("org.eclipse.debug.ui.UseContextualLaunch", true);
    }

    /** Live processes with this command-line fragment (QEMU/gdb leak checks). */
    static long live(String fragment) {
        return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains(fragment)).orElse(false)).count();
    }
}
