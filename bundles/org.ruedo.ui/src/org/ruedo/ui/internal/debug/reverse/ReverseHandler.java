package org.ruedo.ui.internal.debug.reverse;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.HandlerEvent;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.widgets.Display;
import org.ruedo.debug.internal.service.RunControlService.StepKind;
import org.ruedo.debug.internal.service.RunControlService.StepUnit;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;

/**
 * Reverse Step Into / Over / Return and Reverse Resume (Run menu, Debug view toolbar, Shift+F5..F8) on
 * the selected element of a replay session ({@link RuedoDebugTarget#isReplay()}); disabled elsewhere.
 * The subclasses name the kind; enablement follows the session's suspends and resumes.
 */
public abstract class ReverseHandler extends AbstractHandler implements IDebugEventSetListener {
    private final StepKind kind;

    protected ReverseHandler(StepKind kind) {
        this.kind = kind;
        DebugPlugin.getDefault().addDebugEventListener(this);
    }

    @Override
    public void dispose() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
        super.dispose();
    }

    /** The replay target of the Debug view's selection, or null. */
    static RuedoDebugTarget target() {
        IAdaptable ctx = DebugUITools.getDebugContext();
        if (ctx instanceof IDebugElement e && e.getDebugTarget() instanceof RuedoDebugTarget t && t.isReplay()) {
            return t;
        }
        return null;
    }

    private static RuedoThread thread() {
        IAdaptable ctx = DebugUITools.getDebugContext();
        if (ctx instanceof RuedoStackFrame f) {
            return (RuedoThread) f.getThread();
        }
        return ctx instanceof RuedoThread t ? t : null;
    }

    @Override
    public boolean isEnabled() {
        RuedoDebugTarget t = target();
        return t != null && t.canReverse();
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        RuedoDebugTarget t = target();
        if (t == null) {
            return null;
        }
        try {
            t.reverse(thread(), kind, t.isInstructionStepping() ? StepUnit.INSTRUCTION : StepUnit.LINE);
        } catch (DebugException e) {
            throw new ExecutionException(e.getMessage(), e);
        }
        return null;
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.SUSPEND || e.getKind() == DebugEvent.RESUME || e.getKind() == DebugEvent.TERMINATE) {
                Display d = Display.getDefault();
                if (!d.isDisposed()) {
                    d.asyncExec(() -> fireHandlerChanged(new HandlerEvent(this, true, false)));
                }
                return;
            }
        }
    }

    /** Reverse Step Into. */
    public static final class StepInto extends ReverseHandler {
        public StepInto() {
            super(StepKind.INTO);
        }
    }

    /** Reverse Step Over. */
    public static final class StepOver extends ReverseHandler {
        public StepOver() {
            super(StepKind.OVER);
        }
    }

    /** Reverse Step Return. */
    public static final class StepReturn extends ReverseHandler {
        public StepReturn() {
            super(StepKind.RETURN);
        }
    }

    /** Reverse Resume: back to the previous breakpoint or watchpoint hit. */
    public static final class Resume extends ReverseHandler {
        public Resume() {
            super(null);
        }
    }
}
