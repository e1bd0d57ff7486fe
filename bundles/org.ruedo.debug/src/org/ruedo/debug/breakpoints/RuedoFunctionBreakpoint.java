package org.ruedo.debug.breakpoints;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.Breakpoint;
import org.eclipse.debug.core.model.IBreakpoint;

/**
 * A breakpoint on a function of the kernel or the app ({@code -break-insert -f vprintk}), whichever
 * file defines it. Its marker lives on the project (or any resource) it was set for.
 */
public class RuedoFunctionBreakpoint extends Breakpoint implements GdbBreakpoint {
    /** Marker type. */
    public static final String MARKER = "org.ruedo.debug.functionBreakpoint.marker";
    /** Marker attribute: the function name. */
    public static final String FUNCTION = "org.ruedo.debug.function";

    /** For the breakpoint manager's restore from markers. */
    public RuedoFunctionBreakpoint() {
    }

    /** A new enabled breakpoint on {@code function}; add it to the breakpoint manager to use it. */
    public RuedoFunctionBreakpoint(IResource resource, String function) throws CoreException {
        if (function == null || !function.strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new CoreException(org.eclipse.core.runtime.Status.error("not a C function name: '" + function + "'"));
        }
        IWorkspaceRunnable r = monitor -> {
            IMarker m = resource.createMarker(MARKER);
            setMarker(m);
            m.setAttribute(IBreakpoint.ENABLED, true);
            m.setAttribute(FUNCTION, function.strip());
            m.setAttribute(IBreakpoint.ID, RuedoLineBreakpoint.MODEL_ID);
            m.setAttribute(IMarker.MESSAGE, "Function breakpoint: " + function.strip());
        };
        run(getMarkerRule(resource), r);
    }

    @Override
    public String getModelIdentifier() {
        return RuedoLineBreakpoint.MODEL_ID;
    }

    /** The function name. */
    public String function() {
        return getMarker().getAttribute(FUNCTION, "");
    }

    @Override
    public String gdbLocation() {
        return function();
    }
}
