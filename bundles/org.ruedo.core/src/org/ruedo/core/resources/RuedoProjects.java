package org.ruedo.core.resources;

import java.util.Arrays;
import java.util.stream.Stream;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

/** Helpers for Ruedo projects in the workspace. */
public final class RuedoProjects {
    private RuedoProjects() {
    }

    /** True for an open project with the Ruedo nature. */
    public static boolean isRuedoProject(IProject p) {
        try {
            return p != null && p.isOpen() && p.hasNature(RuedoNature.ID);
        } catch (CoreException e) {
            return false;
        }
    }

    /** Adds the nature (and so the builder) to a project. */
    public static void addNature(IProject p, IProgressMonitor monitor) throws CoreException {
        if (p.hasNature(RuedoNature.ID)) {
            return;
        }
        IProjectDescription d = p.getDescription();
        d.setNatureIds(Stream.concat(Arrays.stream(d.getNatureIds()), Stream.of(RuedoNature.ID)).toArray(String[]::new));
        p.setDescription(d, monitor);
    }
}
