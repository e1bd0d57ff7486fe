package org.ruedo.debug.model;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;
import org.ruedo.debug.internal.service.VariableService;
import org.ruedo.debug.mi.MIFrame;

/** A frame of a vCPU's stack; its variables are gdb variable objects, created when first shown. */
public class RuedoStackFrame extends DebugElementBase implements IStackFrame {
    private final RuedoThread thread;
    private final MIFrame frame;
    private IVariable[] variables;
    private IRegisterGroup[] groups;

    RuedoStackFrame(RuedoThread thread, MIFrame frame) {
        super(thread.getDebugTarget());
        this.thread = thread;
        this.frame = frame;
    }

    /** What gdb said about this frame. */
    public MIFrame frame() {
        return frame;
    }

    /** Absolute path of the source file (DWARF), or null. */
    public String sourcePath() {
        return frame.fullname() != null ? frame.fullname() : frame.file();
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (variables == null) {
            List<IVariable> out = new ArrayList<>();
            for (VariableService.Local l : session().variables().locals(thread.id(), frame.level(), frame.func())) {
                RuedoVariable v = new RuedoVariable(this, l.name(), l.type(), l.value());
                v.setChanged(l.changed());
                out.add(v);
            }
            variables = out.toArray(IVariable[]::new);
        }
        return variables;
    }

    @Override
    public boolean hasVariables() throws DebugException {
        return getVariables().length > 0;
    }

    @Override
    public int getLineNumber() {
        return frame.line();
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public String getName() {
        String f = frame.func() != null ? frame.func() : frame.addr();
        return f + "()" + (frame.file() != null ? " at " + frame.file() + ":" + frame.line() : " at " + frame.addr());
    }

    @Override
    public synchronized IRegisterGroup[] getRegisterGroups() throws DebugException {
        if (groups == null) {
            groups = RuedoRegisterGroup.groups(this);
        }
        return groups;
    }

    @Override
    public boolean hasRegisterGroups() {
        return true;
    }

    int threadId() {
        return thread.id();
    }

    int level() {
        return frame.level();
    }

    // run control goes through the thread

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
    }

    /** Not in the outermost frame: it has no caller to return to. */
    @Override
    public boolean canStepReturn() {
        return thread.canStepInto() && thread.hasCaller(frame.level());
    }

    @Override
    public boolean isStepping() {
        return thread.isStepping();
    }

    @Override
    public void stepInto() throws DebugException {
        thread.stepInto();
    }

    @Override
    public void stepOver() throws DebugException {
        thread.stepOver();
    }

    /** Runs until this frame returns (as CDT: Step Return acts on the selected frame). */
    @Override
    public void stepReturn() throws DebugException {
        thread.stepReturn(frame.level());
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuedoStackFrame f && f.thread == thread && f.frame.level() == frame.level()
                && java.util.Objects.equals(f.frame.addr(), frame.addr()) && f.target() == target();
    }

    @Override
    public int hashCode() {
        return thread.hashCode() * 31 + frame.level();
    }
}
