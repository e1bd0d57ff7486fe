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
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * Turns engine problems, manifest errors and toolchain errors into {@code org.ruedo.core.problem}
 * markers. A marker goes on the workspace file the problem names (in this project or in another one,
 * e.g. a kernel project the manifest points to), at its line; when the file is not in the workspace it
 * goes on the project's {@code unikernel.toml} with the location in the message. Every marker records
 * the project whose build made it ({@link #BUILD_PROJECT}), so the next build of that project removes
 * it wherever it is.
 */
public final class ProblemMarkers {
    /** Marker type (a problem marker and a text marker, persistent). */
    public static final String TYPE = "org.ruedo.core.problem";
    /** Marker attribute: name of the project whose build created the marker. */
    public static final String BUILD_PROJECT = "org.ruedo.core.buildProject";

    private ProblemMarkers() {
    }

    /** Removes all markers of the project's builds: on the project and on files of other projects. */
    public static void clear(IProject p) throws CoreException {
        p.deleteMarkers(TYPE, true, IResource.DEPTH_INFINITE);
        for (IMarker m : p.getWorkspace().getRoot().findMarkers(TYPE, true, IResource.DEPTH_INFINITE)) {
            if (m.exists() && p.getName().equals(m.getAttribute(BUILD_PROJECT, null))) {
                m.delete();
            }
        }
    }

    /** Adds a marker for a compiler, assembler or linker diagnostic. */
    public static IMarker add(IProject p, Problem pr) throws CoreException {
        return create(p, pr.file(), pr.line(), switch (pr.severity()) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            case INFO -> IMarker.SEVERITY_INFO;
        }, pr.message());
    }

    /** Adds an error marker for a bad {@code unikernel.toml} or {@code kernel.toml}, at the offending line. */
    public static IMarker addManifestError(IProject p, ManifestException e) throws CoreException {
        return create(p, e.file(), e.line(), IMarker.SEVERITY_ERROR, e.getMessage());
    }

    /** Adds an error marker on the project itself (e.g. a missing tool, naming its Debian package). */
    public static IMarker addProjectError(IProject p, String message) throws CoreException {
        return create(p, null, 0, IMarker.SEVERITY_ERROR, message);
    }

    private static IMarker create(IProject p, Path file, int line, int severity, String message) throws CoreException {
        IFile f = file == null ? null : fileFor(p, file);
        IResource target = f;
        String msg = message;
        if (target == null) {
            IFile manifest = p.getFile(ProjectManifest.FILE);
            target = manifest.exists() ? manifest : p;
            if (file != null && !message.startsWith(file.getFileName() + ":")) {
                msg = file + (line > 0 ? ":" + line : "") + ": " + message;
            } else if (file != null) {
                msg = file.getParent() + "/" + message;     // "kernel.toml:3: ..." -> "/abs/kernel.toml:3: ..."
            }
        }
        IMarker m = target.createMarker(TYPE);
        m.setAttribute(IMarker.MESSAGE, msg);
        m.setAttribute(IMarker.SEVERITY, severity);
        if (f != null && line > 0) {
            m.setAttribute(IMarker.LINE_NUMBER, line);
        }
        if (file != null && f == null) {
            // outside the workspace (the marker is on the project): the Problems view's Location column starts
            // with the line, which a long absolute path would push out of sight; on a workspace file the view
            // shows "line N" and the file in its own columns
            m.setAttribute(IMarker.LOCATION, (line > 0 ? "line " + line + " of " : "") + file);
        }
        m.setAttribute(BUILD_PROJECT, p.getName());
        return m;
    }

    /**
     * The workspace file at a file-system path: preferably one of project {@code p}, else one of any
     * other open project; null when the path is outside the workspace.
     */
    public static IFile fileFor(IProject p, Path file) {
        URI uri = file.toAbsolutePath().normalize().toUri();
        IFile other = null;
        for (IFile f : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(uri)) {
            if (!f.exists()) {
                continue;
            }
            if (f.getProject().equals(p)) {
                return f;
            }
            if (other == null) {
                other = f;
            }
        }
        return other;
    }
}
