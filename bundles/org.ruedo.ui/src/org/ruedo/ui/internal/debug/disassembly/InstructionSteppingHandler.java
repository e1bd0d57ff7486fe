package org.ruedo.ui.internal.debug.disassembly;

import java.util.Map;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.commands.IElementUpdater;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.menus.UIElement;
import org.ruedo.debug.model.RuedoDebugTarget;

/**
 * Instruction Stepping Mode (as CDT's): on, the selected session's Step Into and Step Over step one
 * machine instruction ({@code -exec-step-instruction}, {@code -exec-next-instruction}); the editor and the
 * Disassembly view follow each step as they follow line steps. A toggle in the Debug view's toolbar and
 * in the Disassembly view's; the mode belongs to the debug target.
 */
public class InstructionSteppingHandler extends AbstractHandler implements IElementUpdater {
    public static final String COMMAND = "org.ruedo.ui.instructionStepping";

    @Override
    public Object execute(ExecutionEvent event) {
        RuedoDebugTarget t = current(HandlerUtil.getActiveWorkbenchWindow(event));
        if (t != null) {
            set(t, !t.isInstructionStepping());
        }
        return null;
    }

    /** Sets the mode of {@code t} and updates both toggles. */
    static void set(RuedoDebugTarget t, boolean on) {
        if (t == null) {
            return;
        }
        t.setInstructionStepping(on);
        ICommandService cs = PlatformUI.getWorkbench().getService(ICommandService.class);
        if (cs != null) {
            cs.refreshElements(COMMAND, null);
        }
        for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            if (w.getActivePage() != null && w.getActivePage().findView(DisassemblyView.ID) instanceof DisassemblyView v) {
                v.steppingChanged(on);
            }
        }
    }

    /** The Ruedo target of the window's debug context, or null. */
    static RuedoDebugTarget current(IWorkbenchWindow w) {
        if (w == null) {
            return null;
        }
        var sel = DebugUITools.getDebugContextManager().getContextService(w).getActiveContext();
        Object o = sel instanceof IStructuredSelection s ? s.getFirstElement() : null;
        return o instanceof IDebugElement e && e.getDebugTarget() instanceof RuedoDebugTarget t ? t : null;
    }

    static ImageDescriptor icon() {
        return ImageDescriptor.createFromURL(InstructionSteppingHandler.class.getResource("/icons/instr_step.png"));
    }

    @Override
    public void updateElement(UIElement element, @SuppressWarnings("rawtypes") Map parameters) {
        IWorkbenchWindow w = element.getServiceLocator().getService(IWorkbenchWindow.class);
        RuedoDebugTarget t = current(w);
        element.setChecked(t != null && t.isInstructionStepping());
    }
}
