package org.ruedo.ui.internal.debug.disassembly;

import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.breakpoints.RuedoAddressBreakpoint;
import org.ruedo.debug.breakpoints.RuedoWatchpoint;

/**
 * Breakpoints view labels of address breakpoints ({@code 0x1008fd <switch_context+1>}) and watchpoints
 * ({@code rallies [write]}); their icons come from RuedoModelPresentation.getImage.
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
}
