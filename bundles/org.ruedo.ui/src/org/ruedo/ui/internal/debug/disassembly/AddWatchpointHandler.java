package org.ruedo.ui.internal.debug.disassembly;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.core.model.IWatchExpression;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.ui.internal.debug.AddFunctionBreakpointHandler;

/**
 * Run &gt; Add Watchpoint..., and "Watch" in the Variables and Expressions views and the C editor's context
 * menu: the dialog starts with the selected variable's name, expression or selected text. The watchpoint's
 * marker lives on the project of the debug session, else of the selection or editor.
 */
public final class AddWatchpointHandler extends AbstractHandler {
    public static final String COMMAND_ID = "org.ruedo.ui.addWatchpoint";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        ISelection sel = HandlerUtil.getCurrentSelection(event);
        IResource home = home(event);
        if (home == null) {
            MessageDialog.openInformation(shell, WatchpointDialog.TITLE, "Start a debug session or select a unikernel project first.");
            return null;
        }
        WatchpointDialog d = new WatchpointDialog(shell, initial(sel));
        if (d.open() != Window.OK) {
            return null;
        }
        try {
            RuedoBreakpoints.addWatchpoint(home, d.expression(), d.kind(), d.condition());
        } catch (CoreException e) {
            ErrorDialog.openError(shell, WatchpointDialog.TITLE, "The watchpoint could not be added.", e.getStatus());
        }
        return null;
    }

    /** Where a new breakpoint's marker goes: the debug session's project, else the selection's or editor's. */
    static IResource home(ExecutionEvent event) {
        RuedoDebugTarget t = InstructionSteppingHandler.current(HandlerUtil.getActiveWorkbenchWindow(event));
        if (t != null) {
            return t.qemu().project();
        }
        return AddFunctionBreakpointHandler.target(HandlerUtil.getCurrentSelection(event), HandlerUtil.getActiveEditor(event));
    }

    /** The expression the selection names, or empty. */
    static String initial(ISelection sel) {
        try {
            if (sel instanceof IStructuredSelection s && s.getFirstElement() instanceof IVariable v) {
                return v.getName();
            }
            if (sel instanceof IStructuredSelection s && s.getFirstElement() instanceof IWatchExpression w) {
                return w.getExpressionText();
            }
        } catch (org.eclipse.debug.core.DebugException e) {
            return "";
        }
        if (sel instanceof ITextSelection ts && ts.getText() != null && !ts.getText().contains("\n")) {
            return ts.getText().strip();
        }
        return "";
    }
}
