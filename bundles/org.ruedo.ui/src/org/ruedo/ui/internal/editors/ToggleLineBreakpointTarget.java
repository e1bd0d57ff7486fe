package org.ruedo.ui.internal.editors;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;

/**
 * Run &gt; Toggle Line Breakpoint (Ctrl+Shift+B) in the unikernel editors: toggles a Ruedo line breakpoint
 * on the caret's line. Method breakpoints and watchpoints are not supported.
 */
final class ToggleLineBreakpointTarget implements IToggleBreakpointsTarget {
    @Override
    public void toggleLineBreakpoints(IWorkbenchPart part, ISelection selection) throws CoreException {
        IResource file = resource(part);
        if (file != null && selection instanceof ITextSelection ts) {
            RuedoBreakpoints.toggleLineBreakpoint(file, ts.getStartLine() + 1);
        }
    }

    @Override
    public boolean canToggleLineBreakpoints(IWorkbenchPart part, ISelection selection) {
        return resource(part) != null && selection instanceof ITextSelection;
    }

    private static IResource resource(IWorkbenchPart part) {
        return part instanceof ITextEditor e ? e.getEditorInput().getAdapter(IResource.class) : null;
    }

    @Override
    public void toggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
    }

    @Override
    public boolean canToggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }

    @Override
    public void toggleWatchpoints(IWorkbenchPart part, ISelection selection) {
    }

    @Override
    public boolean canToggleWatchpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }
}
