package org.ruedo.ui.internal.debug.disassembly;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.ruedo.debug.breakpoints.RuedoAddressBreakpoint;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.model.RuedoDebugTarget;

/**
 * Run &gt; Add Address Breakpoint...: {@code 0x1008fe}, {@code switch_context+2} or {@code switch_context}.
 * With a suspended session the address is checked against the image (it must start an instruction) and
 * the breakpoint keeps its symbol+offset; without one, a bare hex address is taken as it is.
 */
public final class AddAddressBreakpointHandler extends AbstractHandler {
    public static final String TITLE = "Add Address Breakpoint";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        IResource home = AddWatchpointHandler.home(event);
        if (home == null) {
            MessageDialog.openInformation(shell, TITLE, "Start a debug session or select a unikernel project first.");
            return null;
        }
        RuedoDebugTarget t = InstructionSteppingHandler.current(HandlerUtil.getActiveWorkbenchWindow(event));
        InputDialog d = new InputDialog(shell, TITLE, "Address (0x...) or symbol[+offset], e.g. switch_context+2:", "",
                s -> s.isBlank() ? "Enter an address or a symbol." : null);
        if (d.open() != Window.OK) {
            return null;
        }
        try {
            add(home, t, d.getValue().strip());
        } catch (CoreException e) {
            MessageDialog.openError(shell, TITLE, e.getMessage());
        }
        return null;
    }

    /** Adds the breakpoint {@code where} names; fails with a message a user can act on. */
    public static RuedoAddressBreakpoint add(IResource home, RuedoDebugTarget t, String where) throws CoreException {
        if (t == null || !t.isSuspended()) {
            if (!where.matches("0[xX][0-9a-fA-F]+")) {
                throw new CoreException(org.eclipse.core.runtime.Status.error(
                        "Without a suspended debug session only a hex address (0x...) can be added: a symbol needs the image."));
            }
            return RuedoBreakpoints.toggleAddressBreakpoint(home, MIInstruction.parseAddress(where), null, 0);
        }
        try {
            String[] parts = where.split("\\+", 2);
            String exp = where.matches("[A-Za-z_]\\w*(\\+\\w+)?") ? "(unsigned long)&" + parts[0]
                    + (parts.length > 1 ? " + " + parts[1] : "") : where;
            long a = t.addressOf(exp);
            List<MIInstruction> at = t.disassembly().range(a, a + 1);
            if (at.isEmpty() || at.get(0).address() != a) {
                throw new CoreException(org.eclipse.core.runtime.Status.error(where + " is not the start of an instruction."));
            }
            MIInstruction i = at.get(0);
            if (RuedoBreakpoints.findAddress(a) != null) {
                return RuedoBreakpoints.findAddress(a);
            }
            return RuedoBreakpoints.toggleAddressBreakpoint(home, a, i.function(), Math.max(0, i.offset()));
        } catch (DebugException e) {
            throw new CoreException(org.eclipse.core.runtime.Status.error("'" + where + "': " + e.getMessage()));
        }
    }
}
