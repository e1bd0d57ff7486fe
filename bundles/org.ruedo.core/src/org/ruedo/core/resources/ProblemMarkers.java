package org.ruedo.core.resources;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.ruedo.core.build.Problem;
import org.ruedo.core.manifest.ProjectManifest;

/** Turns engine problems and manifest errors into {@code org.ruedo.core.problem} markers. */
public final class ProblemMarkers {
    /** Marker type (a problem marker and a text marker, persistent). */
    public static final String TYPE = "org.ruedo.core.problem";

    private ProblemMarkers() {
    }

    /** Removes all our markers from the project. */
    public static void clear(IProject p) throws CoreException {
        p.deleteMarkers(TYPE, true, IResource.DEPTH_INFINITE);
    }

    /**
     * Adds a marker for the problem: on the workspace file it names (at its line), or on the project's
     * manifest with the location in the message when the file is not in the workspace.
     */
    public static IMarker add(IProject p, Problem pr) throws CoreException {
        IResource target = null;
        if (pr.file() != null) {
            target = fileFor(p, pr.file());
        }
        String msg = pr.message();
        if (target == null) {
            target = p.getFile(ProjectManifest.FILE).exists() ? p.getFile(ProjectManifest.FILE) : p;
            if (pr.file() != null) {
                msg = pr.file() + (pr.line() > 0 ? ":" + pr.line() : "") + ": " + msg;
            }
        }
        IMarker m = target.createMarker(TYPE);
        m.setAttribute(IMarker.MESSAGE, msg);
        m.setAttribute(IMarker.SEVERITY, switch (pr.severity()) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            case INFO -> IMarker.SEVERITY_INFO;
        });
        if (pr.line() > 0 && pr.file() != null && target.getName().equals(pr.file().getFileName().toString())) {
            m.setAttribute(IMarker.LINE_NUMBER, pr.line());
        }
        if (pr.file() != null) {
            m.setAttribute(IMarker.LOCATION, pr.file() + (pr.line() > 0 ? " line " + pr.line() : ""));
        }
        return m;
    }

    /** The file of project {@code p} at a file-system path, or null. */
    public static IFile fileFor(IProject p, Path file) {
        URI uri = file.toUri();
        for (IFile f : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(uri)) {
            if (f.getProject().equals(p) && f.exists()) {
                return f;
            }
        }
        return null;
    }
}
