package org.ruedo.ui.internal.debug.disassembly;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.graphics.Image;
import org.ruedo.debug.breakpoints.RuedoAddressBreakpoint;
import org.ruedo.debug.breakpoints.RuedoWatchpoint;

/**
 * Breakpoints view labels and icons of address breakpoints ({@code 0x1008fd <switch_context+1>}, with the
 * line breakpoint icon) and watchpoints ({@code rallies [write]}, the platform's watchpoint icon).
 */
public final class BreakpointLabels {
    private BreakpointLabels() {
    }

    public static String text(IBreakpoint b) {
        String cond = b instanceof org.ruedo.debug.breakpoints.GdbBreakpoint g ? g.condition() : "";
        String c = cond.isEmpty() ? "" : " [if " + cond + "]";
        if (b instanceof RuedoAddressBreakpoint a) {
            String sym = a.symbol().isEmpty() ? "" : " <" + a.symbol() + (a.offset() == 0 ? "" : "+" + a.offset()) + ">";
            String stale = a.stale().isEmpty() ? "" : " [stale: " + a.stale() + "]";
            return String.format("0x%x%s%s%s", a.address(), sym, c, stale);
        }
        if (b instanceof RuedoWatchpoint w) {
            return w.expression() + " [" + w.kind().name().toLowerCase() + (w.isSoftware() ? ", software: slow" : "") + "]" + c;
        }
        return null;
    }

    /** The icon of a Ruedo address breakpoint or watchpoint (enabled or not), else null (the default). */
    public static Image image(Object element) {
        boolean enabled;
        try {
            enabled = element instanceof IBreakpoint b && b.isEnabled();
        } catch (CoreException e) {
            enabled = false;
        }
        if (element instanceof RuedoWatchpoint) {
            return DebugUITools.getImage(enabled ? IDebugUIConstants.IMG_OBJS_WATCHPOINT : IDebugUIConstants.IMG_OBJS_WATCHPOINT_DISABLED);
        }
        if (element instanceof RuedoAddressBreakpoint) {
            return DebugUITools.getImage(enabled ? IDebugUIConstants.IMG_OBJS_BREAKPOINT : IDebugUIConstants.IMG_OBJS_BREAKPOINT_DISABLED);
        }
        return null;
    }
}
