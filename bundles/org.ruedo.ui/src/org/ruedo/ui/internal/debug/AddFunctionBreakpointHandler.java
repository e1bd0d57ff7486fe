package org.ruedo.ui.internal.debug;

import java.util.List;
import java.util.Set;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;

/**
 * Run &gt; Add Function Breakpoint... (also in the Breakpoints view's toolbar and menu): asks for a C function
 * name and adds a {@link org.ruedo.debug.breakpoints.RuedoFunctionBreakpoint} for it. gdb resolves the name in
 * the kernel or the app, so the breakpoint's marker only needs a home: the project of the selection (a project,
 * a file, or a breakpoint in the Breakpoints view), else the project of the active editor, else the one open
 * unikernel project of the workspace.
 */
public final class AddFunctionBreakpointHandler extends AbstractHandler {
    /** The command's id (plugin.xml). */
    public static final String COMMAND_ID = "org.ruedo.ui.addFunctionBreakpoint";
    /** The dialog's title. */
    public static final String TITLE = "Add Function Breakpoint";

    private static final Set<String> C_KEYWORDS = Set.of("auto", "break", "case", "char", "const", "continue", "default", "do",
            "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict",
            "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "_Bool", "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic",
            "_Noreturn", "_Static_assert", "_Thread_local");

    /** Null when {@code name} is a C identifier (surrounding blanks ignored), else the message the dialog shows. */
    public static String validate(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "Enter the name of a C function of the kernel or the app.";
        }
        if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return "'" + n + "' is not a C identifier: letters, digits and '_', not starting with a digit.";
        }
        if (C_KEYWORDS.contains(n)) {
            return "'" + n + "' is a C keyword, not a function name.";
        }
        return null;
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        IProject project = target(HandlerUtil.getCurrentSelection(event), HandlerUtil.getActiveEditor(event));
        if (project == null) {
            MessageDialog.openInformation(shell, TITLE,
                    "Select a unikernel project (or open one of its files) to add a function breakpoint for.");
            return null;
        }
        InputDialog d = new InputDialog(shell, TITLE, "Function name (kernel or app), e.g. vprintk:", "",
                AddFunctionBreakpointHandler::validate);
        if (d.open() != Window.OK) {
            return null;
        }
        try {
            RuedoBreakpoints.addFunctionBreakpoint(project, d.getValue().strip());
        } catch (CoreException e) {
            ErrorDialog.openError(shell, TITLE, "The function breakpoint could not be added.", e.getStatus());
        }
        return null;
    }

    /** The project the new breakpoint's marker goes on, or null when there is no sensible one. */
    public static IProject target(ISelection selection, IEditorPart editor) {
        if (selection instanceof IStructuredSelection ss && ss.size() == 1) {
            IProject p = projectOf(ss.getFirstElement());
            if (p != null) {
                return p;
            }
        }
        if (editor != null) {
            IProject p = projectOf(editor.getEditorInput());
            if (p != null) {
                return p;
            }
        }
        List<IProject> unikernels = java.util.Arrays.stream(ResourcesPlugin.getWorkspace().getRoot().getProjects())
                .filter(RuedoProjects::isRuedoProject).toList();
        return unikernels.size() == 1 ? unikernels.get(0) : null;
    }

    private static IProject projectOf(Object element) {
        IResource r = null;
        if (element instanceof IBreakpoint b) {
            IMarker m = b.getMarker();
            r = m == null ? null : m.getResource();
        } else if (element != null) {
            r = Adapters.adapt(element, IResource.class);
        }
        if (r == null || r.getProject() == null || !r.getProject().isOpen()) {
            return null;
        }
        return r.getProject();
    }
}
