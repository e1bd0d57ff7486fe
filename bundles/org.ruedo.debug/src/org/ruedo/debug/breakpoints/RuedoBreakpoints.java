package org.ruedo.debug.breakpoints;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.ILineBreakpoint;

/** Breakpoint helpers for editors (ruler double-click) and tests. */
public final class RuedoBreakpoints {
    private RuedoBreakpoints() {
    }

    /** The Ruedo line breakpoint on that line of that file, or null. */
    public static RuedoLineBreakpoint find(IResource resource, int line) throws CoreException {
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID)) {
            if (b instanceof RuedoLineBreakpoint lb && resource.equals(b.getMarker().getResource())
                    && ((ILineBreakpoint) b).getLineNumber() == line) {
                return lb;
            }
        }
        return null;
    }

    /** Adds a breakpoint on a line, or removes the one there. Returns the new breakpoint, or null when removed. */
    public static RuedoLineBreakpoint toggleLineBreakpoint(IResource resource, int line) throws CoreException {
        IBreakpointManager mgr = DebugPlugin.getDefault().getBreakpointManager();
        RuedoLineBreakpoint existing = find(resource, line);
        if (existing != null) {
            mgr.removeBreakpoint(existing, true);
            return null;
        }
        RuedoLineBreakpoint b = new RuedoLineBreakpoint(resource, line);
        mgr.addBreakpoint(b);
        return b;
    }

    /** Adds a breakpoint on a C function (kernel or app); {@code resource} holds its marker (e.g. the project). */
    public static RuedoFunctionBreakpoint addFunctionBreakpoint(IResource resource, String function) throws CoreException {
        RuedoFunctionBreakpoint b = new RuedoFunctionBreakpoint(resource, function);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(b);
        return b;
    }

    /** The address breakpoint at {@code address}, or null. */
    public static RuedoAddressBreakpoint findAddress(long address) {
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID)) {
            if (b instanceof RuedoAddressBreakpoint ab && b.getMarker().exists() && ab.address() == address) {
                return ab;
            }
        }
        return null;
    }

    /**
     * Adds a breakpoint on the instruction at {@code address} ({@code symbol} at {@code offset}; symbol
     * null for an address no symbol covers), or removes the one there. Returns the new one, or null.
     */
    public static RuedoAddressBreakpoint toggleAddressBreakpoint(IResource resource, long address, String symbol, int offset)
            throws CoreException {
        RuedoAddressBreakpoint existing = findAddress(address);
        if (existing != null) {
            DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(existing, true);
            return null;
        }
        RuedoAddressBreakpoint b = new RuedoAddressBreakpoint(resource, address, symbol, offset);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(b);
        return b;
    }

    /** Adds a watchpoint on {@code expression}; {@code condition} may be empty. */
    public static RuedoWatchpoint addWatchpoint(IResource resource, String expression,
            org.ruedo.debug.mi.commands.BreakWatch.Kind kind, String condition) throws CoreException {
        RuedoWatchpoint w = new RuedoWatchpoint(resource, expression, kind, condition);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(w);
        return w;
    }
}
