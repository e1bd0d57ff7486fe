package org.ruedo.ui.internal.debug.disassembly;

import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.ruedo.debug.model.RuedoStackFrame;

/**
 * Opens the Disassembly view when the frame selected in the Debug view has no source (boot code, an
 * address in an asm routine without line information, the AP trampoline), as CDT does; a frame with
 * source leaves the views as they are.
 */
public final class DisassemblyAutoOpen implements IDebugContextListener {
    private final IWorkbenchWindow window;

    private DisassemblyAutoOpen(IWorkbenchWindow window) {
        this.window = window;
    }

    /** Installs the listener on every open workbench window (call on the UI thread). */
    public static void install() {
        for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            DebugUITools.getDebugContextManager().getContextService(w).addDebugContextListener(new DisassemblyAutoOpen(w));
        }
    }

    @Override
    public void debugContextChanged(DebugContextEvent event) {
        if ((event.getFlags() & DebugContextEvent.ACTIVATED) == 0
                || !(event.getContext() instanceof IStructuredSelection s)
                || !(s.getFirstElement() instanceof RuedoStackFrame f) || f.sourcePath() != null) {
            return;
        }
        IWorkbenchPage page = window.getActivePage();
        if (page != null && page.findView(DisassemblyView.ID) == null) {
            try {
                page.showView(DisassemblyView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (PartInitException e) {
                org.eclipse.core.runtime.ILog.of(getClass()).warn("Disassembly view: " + e.getMessage());
            }
        }
    }
}
