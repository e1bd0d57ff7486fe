package org.ruedo.debug.breakpoints;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.LineBreakpoint;

/** A line breakpoint in a C or assembler file of a Ruedo project, set in gdb as {@code -break-insert -f path:line}. */
public class RuedoLineBreakpoint extends LineBreakpoint implements GdbBreakpoint {
    /** Marker type. */
    public static final String MARKER = "org.ruedo.debug.lineBreakpoint.marker";
    /** The debug model these breakpoints belong to. */
    public static final String MODEL_ID = "org.ruedo.debug";

    /** For the breakpoint manager's restore from markers. */
    public RuedoLineBreakpoint() {
    }

    /**
     * A new enabled breakpoint on {@code line} (1-based) of a workspace file. Not yet registered: add it
     * to the breakpoint manager (or use {@link RuedoBreakpoints#toggleLineBreakpoint}).
     */
    public RuedoLineBreakpoint(IResource resource, int line) throws CoreException {
        IWorkspaceRunnable r = monitor -> {
            IMarker m = resource.createMarker(MARKER);
            setMarker(m);
            m.setAttribute(IBreakpoint.ENABLED, true);
            m.setAttribute(IMarker.LINE_NUMBER, line);
            m.setAttribute(IBreakpoint.ID, MODEL_ID);
            m.setAttribute(IMarker.MESSAGE, "Line breakpoint: " + resource.getName() + " [line: " + line + "]");
        };
        run(getMarkerRule(resource), r);
    }

    @Override
    public String getModelIdentifier() {
        return MODEL_ID;
    }

    /** The file-system path gdb gets. */
    public String path() {
        return getMarker().getResource().getLocation().toOSString();
    }

    @Override
    public String gdbLocation() throws CoreException {
        return path() + ":" + getLineNumber();
    }
}
