package org.ruedo.debug.sourcelookup;

import java.io.File;

import org.eclipse.core.filesystem.URIUtil;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupParticipant;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.ruedo.debug.model.RuedoStackFrame;

/**
 * Maps the absolute DWARF path of a frame (gdb's {@code fullname}) to the workspace file at that
 * location (kernel or app, whichever project holds it), or to the file on disk when no project does.
 * When the ELF was built somewhere else (another checkout, a moved project), the path's longest tail
 * that names a file in an open project wins ({@code /build/host/kernel/lib/printk.c} finds
 * {@code kernel/lib/printk.c} of the project).
 */
public class RuedoSourceLookupParticipant extends AbstractSourceLookupParticipant {
    @Override
    public String getSourceName(Object object) throws CoreException {
        return object instanceof RuedoStackFrame f ? f.sourcePath() : null;
    }

    @Override
    public Object[] findSourceElements(Object object) throws CoreException {
        String path = getSourceName(object);
        if (path == null) {
            return new Object[0];
        }
        return find(path);
    }

    /** Workspace files at that path (shortest workspace path first), or the local file, or nothing. */
    public static Object[] find(String path) {
        File f = new File(path);
        IFile[] files = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(URIUtil.toURI(IPath.fromOSString(f.getAbsolutePath())));
        java.util.Arrays.sort(files, java.util.Comparator.comparingInt(x -> x.getFullPath().segmentCount()));
        for (IFile file : files) {
            if (file.exists()) {
                return new Object[] { file };
            }
        }
        if (f.isFile()) {
            return new Object[] { new LocalFileStorage(f) };
        }
        IFile tail = byTail(path);
        return tail != null ? new Object[] { tail } : new Object[0];
    }

    /** The file of an open project whose project-relative path is the longest tail of {@code path}. */
    static IFile byTail(String path) {
        String[] segs = path.replace('\\', '/').split("/+");
        for (int start = 0; start < segs.length; start++) {
            if (segs[start].isEmpty() || segs[start].equals("..") || segs[start].equals(".")) {
                continue;
            }
            String tail = String.join("/", java.util.Arrays.copyOfRange(segs, start, segs.length));
            for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
                if (p.isOpen()) {
                    IFile file = p.getFile(tail);
                    if (file.exists()) {
                        return file;
                    }
                }
            }
        }
        return null;
    }
}
