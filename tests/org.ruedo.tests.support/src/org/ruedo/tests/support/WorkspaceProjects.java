package org.ruedo.tests.support;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.ruedo.core.resources.RuedoProjects;

/** Workspace projects over directories on disk, as a user imports them: one copy for every test bundle. */
public final class WorkspaceProjects {
    private WorkspaceProjects() {
    }

    /**
     * A workspace project named {@code name} located at {@code dir}, open, with the Ruedo nature (a project of
     * that name left by an earlier test is removed first, its files kept).
     */
    public static IProject open(String name, Path dir) throws CoreException {
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
}
