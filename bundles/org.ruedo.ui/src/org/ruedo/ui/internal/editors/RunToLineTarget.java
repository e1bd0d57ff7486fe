package org.ruedo.ui.internal.editors;

import java.nio.file.Path;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.ISuspendResume;
import org.eclipse.debug.ui.actions.IRunToLineTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;

/**
 * Run &gt; Run to Line (Ctrl+R) in the unikernel editors while a Ruedo debug session is suspended: runs the
 * suspended session until the caret's line is reached, in any function: a temporary breakpoint at
 * FILE:LINE, then continue ({@code RunControlService.runToLine}, as DSF-GDB's runToLocation). A stop
 * elsewhere first (another breakpoint, a suspend) ends it there; the unreached temporary breakpoint is
 * deleted before the guest runs again.
 */
final class RunToLineTarget implements IRunToLineTarget {
    @Override
    public void runToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) throws CoreException {
        RuedoThread thread = thread(target);
        Path file = file(part);
        if (thread != null && file != null && selection instanceof ITextSelection ts) {
            ((RuedoDebugTarget) thread.getDebugTarget()).runToLine(thread, file, ts.getStartLine() + 1);
        }
    }

    @Override
    public boolean canRunToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) {
        RuedoThread thread = thread(target);
        return thread != null && thread.isSuspended() && file(part) != null && selection instanceof ITextSelection;
    }

    /** The thread to run: the one of the selected frame or thread, or the session's first. */
    private static RuedoThread thread(ISuspendResume target) {
        if (target instanceof RuedoStackFrame f && f.getThread() instanceof RuedoThread t) {
            return t;
        }
        if (target instanceof RuedoThread t) {
            return t;
        }
        if (target instanceof RuedoDebugTarget d) {
            var threads = d.getThreads();
            return threads.length > 0 && threads[0] instanceof RuedoThread t ? t : null;
        }
        return null;
    }

    /** The editor's file on disk (workspace files and files outside the workspace, e.g. a kernel source). */
    private static Path file(IWorkbenchPart part) {
        if (!(part instanceof ITextEditor e)) {
            return null;
        }
        IResource r = e.getEditorInput().getAdapter(IResource.class);
        if (r != null && r.getLocation() != null) {
            return r.getLocation().toPath();
        }
        if (e.getEditorInput() instanceof IURIEditorInput u && "file".equals(u.getURI().getScheme())) {
            return Path.of(u.getURI());
        }
        return null;
    }
}
