package org.ruedo.ui.internal.debug.disassembly;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.breakpoints.RuedoAddressBreakpoint;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.model.RuedoDebugTarget;

/** The addresses the disassembly ruler marks with a breakpoint, and whether each is enabled. */
final class BreakpointAddresses {
    private BreakpointAddresses() {
    }

    /**
     * Address breakpoints that are not stale, and line breakpoints where gdb placed them in {@code t}
     * (none when {@code t} is null).
     */
    static Map<Long, Boolean> of(RuedoDebugTarget t) {
        Map<Long, Boolean> out = new HashMap<>();
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID)) {
            try {
                if (b instanceof RuedoAddressBreakpoint ab && ab.stale().isEmpty()) {
                    out.put(ab.address(), b.isEnabled());
                } else if (b instanceof RuedoLineBreakpoint lb && t != null) {
                    for (long a : t.breakpointAddresses(lb)) {
                        out.put(a, b.isEnabled());
                    }
                }
            } catch (CoreException e) {
                // a breakpoint whose marker went away meanwhile
            }
        }
        return out;
    }
}
