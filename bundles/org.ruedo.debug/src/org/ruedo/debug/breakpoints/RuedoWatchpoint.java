package org.ruedo.debug.breakpoints;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.model.Breakpoint;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IWatchpoint;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakList;
import org.ruedo.debug.mi.commands.BreakWatch;

/**
 * A data breakpoint on an lvalue ({@code rallies}, {@code t->state}, {@code *(long *)0x11dfc0}): write,
 * read or access, set with {@code -break-watch [-r|-a]}; its condition goes with {@code -break-condition}
 * after the insert. gdb prefers a hardware watchpoint (x86 debug registers, which QEMU's gdbstub
 * implements under TCG on every vCPU); when it can only make a software one the label says so.
 */
public class RuedoWatchpoint extends Breakpoint implements GdbBreakpoint, IWatchpoint {
    /** Marker type. */
    public static final String MARKER = "org.ruedo.debug.watchpoint.marker";
    /** Marker attribute: the expression. */
    public static final String EXPRESSION = "org.ruedo.debug.expression";
    /** Marker attribute: {@link BreakWatch.Kind} name. */
    public static final String KIND = "org.ruedo.debug.watchKind";
    /** Marker attribute: true when gdb made a software watchpoint the last time it was set. */
    public static final String SOFTWARE = "org.ruedo.debug.software";

    /** For the breakpoint manager's restore from markers. */
    public RuedoWatchpoint() {
    }

    /** A new enabled watchpoint; add it to the breakpoint manager to use it. */
    public RuedoWatchpoint(IResource resource, String expression, BreakWatch.Kind kind, String condition)
            throws CoreException {
        if (expression == null || expression.isBlank()) {
            throw new CoreException(Status.error("a watchpoint needs an expression (a variable, a field, *(long *)0x...)"));
        }
        String exp = expression.strip();
        IWorkspaceRunnable r = monitor -> {
            IMarker m = resource.createMarker(MARKER);
            setMarker(m);
            m.setAttribute(IBreakpoint.ENABLED, true);
            m.setAttribute(IBreakpoint.ID, RuedoLineBreakpoint.MODEL_ID);
            m.setAttribute(EXPRESSION, exp);
            m.setAttribute(KIND, kind.name());
            m.setAttribute(SOFTWARE, false);
            m.setAttribute(RuedoLineBreakpoint.CONDITION, condition == null ? "" : condition.strip());
            m.setAttribute(IMarker.MESSAGE, label(exp, kind, false));
        };
        run(getMarkerRule(resource), r);
    }

    /** {@code Watchpoint (write): rallies}, {@code ... [software]} when gdb could not use debug registers. */
    public static String label(String expression, BreakWatch.Kind kind, boolean software) {
        return "Watchpoint (" + kind.name().toLowerCase() + "): " + expression + (software ? " [software: slow]" : "");
    }

    @Override
    public String getModelIdentifier() {
        return RuedoLineBreakpoint.MODEL_ID;
    }

    public String expression() {
        return getMarker().getAttribute(EXPRESSION, "");
    }

    public BreakWatch.Kind kind() {
        try {
            return BreakWatch.Kind.valueOf(getMarker().getAttribute(KIND, "WRITE"));
        } catch (IllegalArgumentException e) {
            return BreakWatch.Kind.WRITE;
        }
    }

    /** True when gdb made it a software watchpoint the last time it was set. */
    public boolean isSoftware() {
        return getMarker().getAttribute(SOFTWARE, false);
    }

    @Override
    public String gdbLocation() {
        return expression();
    }

    @Override
    public MICommand<MIBreakpoint> insertCommand() {
        return new BreakWatch(kind(), expression());
    }

    @Override
    public boolean conditionInInsertCommand() {
        return false;
    }

    /** {@code -break-watch} answers {@code wpt} for a hardware write watchpoint too: {@code -break-list} tells. */
    @Override
    public void installed(MIBreakpoint gdb, MISession mi) throws MIException {
        boolean sw = mi.execute(new BreakList()).stream()
                .anyMatch(b -> b.number() == gdb.number() && "watchpoint".equals(b.type()));
        if (sw != isSoftware()) {
            try {
                setAttributes(new String[] { SOFTWARE, IMarker.MESSAGE },
                        new Object[] { sw, label(expression(), kind(), sw) });
            } catch (CoreException e) {
                // the marker is gone
            }
        }
    }

    @Override
    public String condition() {
        return getMarker().getAttribute(RuedoLineBreakpoint.CONDITION, "");
    }

    @Override
    public void setCondition(String condition) throws CoreException {
        setAttribute(RuedoLineBreakpoint.CONDITION, condition == null ? "" : condition);
    }

    // IWatchpoint: the kind is fixed when it is made (gdb cannot change a watchpoint's kind)

    @Override
    public boolean isAccess() {
        return kind() != BreakWatch.Kind.WRITE;
    }

    @Override
    public void setAccess(boolean access) throws CoreException {
        throw new CoreException(Status.error("the kind of a watchpoint is set when it is made"));
    }

    @Override
    public boolean isModification() {
        return kind() != BreakWatch.Kind.READ;
    }

    @Override
    public void setModification(boolean modification) throws CoreException {
        throw new CoreException(Status.error("the kind of a watchpoint is set when it is made"));
    }

    @Override
    public boolean supportsAccess() {
        return false;
    }

    @Override
    public boolean supportsModification() {
        return false;
    }
}
