package org.ruedo.debug.model;

import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.commands.StackListFrames;

/** One vCPU of the guest, as gdb reports it (a gdb thread per QEMU CPU). */
public class RuedoThread extends DebugElementBase implements IThread {
    private final int id;
    private volatile IStackFrame[] frames;
    private volatile IBreakpoint[] breakpoints = new IBreakpoint[0];

    RuedoThread(RuedoDebugTarget target, int id) {
        super(target);
        this.id = id;
    }

    /** gdb's thread id. */
    public int id() {
        return id;
    }

    void suspended(IBreakpoint[] hit) {
        frames = null;
        breakpoints = hit;
    }

    void resumed() {
        frames = null;
        breakpoints = new IBreakpoint[0];
    }

    @Override
    public IStackFrame[] getStackFrames() throws DebugException {
        if (!isSuspended()) {
            return new IStackFrame[0];
        }
        IStackFrame[] f = frames;
        if (f == null) {
            try {
                List<MIFrame> list = target().mi().execute(new StackListFrames(id));
                f = new IStackFrame[list.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = new RuedoStackFrame(this, list.get(i));
                }
            } catch (MIException e) {
                if (target().isTerminated()) {
                    return new IStackFrame[0];
                }
                throw fail(e);
            }
            frames = f;
        }
        return f;
    }

    @Override
    public boolean hasStackFrames() throws DebugException {
        return isSuspended();
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IStackFrame getTopStackFrame() throws DebugException {
        IStackFrame[] f = getStackFrames();
        return f.length > 0 ? f[0] : null;
    }

    @Override
    public String getName() {
        return "CPU " + (id - 1) + " (gdb thread " + id + ")";
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        return breakpoints;
    }

    // run control: all-stop mode, the target acts for every CPU

    @Override
    public boolean canResume() {
        return target().canResume();
    }

    @Override
    public boolean canSuspend() {
        return target().canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return target().isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        target().resume();
    }

    @Override
    public void suspend() throws DebugException {
        target().suspend();
    }

    @Override
    public boolean canStepInto() {
        return isSuspended() && !target().isStepping();
    }

    @Override
    public boolean canStepOver() {
        return canStepInto();
    }

    @Override
    public boolean canStepReturn() {
        return canStepInto();
    }

    @Override
    public boolean isStepping() {
        return target().isStepping();
    }

    @Override
    public void stepInto() throws DebugException {
        target().step(this, RuedoDebugTarget.Step.INTO, DebugEvent.STEP_INTO);
    }

    @Override
    public void stepOver() throws DebugException {
        target().step(this, RuedoDebugTarget.Step.OVER, DebugEvent.STEP_OVER);
    }

    @Override
    public void stepReturn() throws DebugException {
        target().step(this, RuedoDebugTarget.Step.RETURN, DebugEvent.STEP_RETURN);
    }

    @Override
    public boolean canTerminate() {
        return target().canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return target().isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        target().terminate();
    }
}
