package org.ruedo.debug.model;

import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.ruedo.debug.internal.service.RunControlService.StepKind;
import org.ruedo.debug.internal.service.RunControlService.StepUnit;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.events.StopReason;

/**
 * One vCPU of the guest, as gdb reports it (a gdb thread per QEMU CPU). At a fault stop its frames start
 * at the faulting function: the kernel's handler frames above it (the fault hook, {@code trap_handler},
 * the trap stub) are left out, so the frame the Debug view selects is the one that faulted.
 */
public class RuedoThread extends DebugElementBase implements IThread {
    private final int id;
    private volatile IStackFrame[] frames;
    private volatile IBreakpoint[] breakpoints = new IBreakpoint[0];
    private volatile StopReason stopReason;
    private volatile int frameSkip;
    /** The top frame as gdb's *stopped reported it: shown without a -stack-list-frames round trip. */
    private volatile MIFrame stopFrame;
    private volatile RuedoStackFrame top;

    RuedoThread(RuedoDebugTarget target, int id) {
        super(target);
        this.id = id;
    }

    /** gdb's thread id. */
    public int id() {
        return id;
    }

    /**
     * This vCPU stopped: {@code reason} when it is the one that stopped the guest, else null;
     * {@code topFrame} is the frame gdb's {@code *stopped} named (null when it named none for this vCPU).
     */
    void suspended(StopReason reason, IBreakpoint[] hit, int handlerFrames, MIFrame topFrame) {
        frames = null;
        top = null;
        stopFrame = handlerFrames == 0 && topFrame != null && topFrame.addr() != null ? topFrame : null;
        breakpoints = hit;
        stopReason = reason;
        frameSkip = handlerFrames;
    }

    void resumed() {
        frames = null;
        top = null;
        stopFrame = null;
        breakpoints = new IBreakpoint[0];
        stopReason = null;
        frameSkip = 0;
    }

    /** Why this vCPU stopped the guest (null while running, or when another vCPU stopped it). */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * The state as the Debug view shows it: {@code Running}, {@code Terminated}, {@code Suspended},
     * {@code Suspended: breakpoint}, {@code Suspended: page fault (write to 0x0000000000000000)}...
     */
    public String stateLabel() {
        if (isTerminated()) {
            return "Terminated";
        }
        if (!isSuspended()) {
            return "Running";
        }
        StopReason r = stopReason;
        return switch (r) {
            case StopReason.Fault f -> "Suspended: " + f.reason();
            case StopReason.WatchpointTrigger w -> watchLabel(w);
            case StopReason.WatchpointScope w -> "Suspended: watchpoint " + w.number() + " went out of scope (deleted)";
            case StopReason.BreakpointHit b -> "Suspended: breakpoint";
            case StopReason.NoHistory n -> "Suspended: start of the recording (nothing earlier to replay)";
            case null -> breakpoints.length > 0 ? "Suspended: breakpoint" : "Suspended";
            default -> "Suspended";
        };
    }

    /**
     * {@code Suspended: watchpoint 'rallies' changed 41 -> 42}, {@code Suspended: read watchpoint 'rallies' = 42};
     * {@code [software]} when gdb fell back to a software watchpoint.
     */
    private String watchLabel(StopReason.WatchpointTrigger w) {
        String kind = "write".equals(w.kind()) ? "" : w.kind() + " ";
        String what = w.oldValue() != null && !w.oldValue().equals(w.newValue())
                ? " changed " + w.oldValue() + " -> " + w.newValue() : " = " + w.newValue();
        boolean software = java.util.Arrays.stream(breakpoints)
                .anyMatch(b -> b instanceof org.ruedo.debug.breakpoints.RuedoWatchpoint rw && rw.isSoftware());
        return "Suspended: " + kind + "watchpoint '" + w.expression() + "'" + what + (software ? " [software]" : "");
    }

    @Override
    public IStackFrame[] getStackFrames() throws DebugException {
        if (!isSuspended()) {
            return new IStackFrame[0];
        }
        IStackFrame[] f = frames;
        if (f == null) {
            try {
                List<MIFrame> list = session().stack().frames(id);
                int skip = Math.min(frameSkip, Math.max(list.size() - 1, 0));
                f = new IStackFrame[list.size() - skip];
                for (int i = 0; i < f.length; i++) {
                    f[i] = new RuedoStackFrame(this, list.get(i + skip));
                }
                RuedoStackFrame shown = top;
                if (shown != null && f.length > 0 && shown.equals(f[0])) {
                    f[0] = shown;   // the object the Debug view already has (its variables are cached)
                }
            } catch (DebugException e) {
                if (target().isTerminated()) {
                    return new IStackFrame[0];
                }
                throw e;
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

    /**
     * The top frame. Right after a stop it is made from the frame in gdb's {@code *stopped} record
     * (as DSF-GDB's stack service does), so showing where a step ended costs no further round trip; the
     * full stack is listed when asked for.
     */
    @Override
    public IStackFrame getTopStackFrame() throws DebugException {
        MIFrame sf = stopFrame;
        if (frames == null && sf != null && isSuspended()) {
            RuedoStackFrame t = top;
            if (t == null) {
                t = new RuedoStackFrame(this, sf);
                top = t;
            }
            return t;
        }
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
        return isSuspended() && !isStepping() && !atFault();
    }

    /**
     * Stopped at a kernel fault: steps cannot apply (the faulting instruction would fault again, and
     * any step lets every vCPU run into the crash report); only Resume and Terminate are offered.
     */
    private boolean atFault() {
        var last = target().lastStop();
        return last != null && last.reason() instanceof StopReason.Fault;
    }

    @Override
    public boolean canStepOver() {
        return canStepInto();
    }

    /** Not in the outermost frame (known once the frames were listed): it has no caller to return to. */
    @Override
    public boolean canStepReturn() {
        IStackFrame[] f = frames;
        return canStepInto() && (f == null || f.length == 0 || hasCaller(((RuedoStackFrame) f[0]).level()));
    }

    @Override
    public boolean isStepping() {
        return target().runControl().isStepping();
    }

    /** Steps this vCPU by a source line or one machine instruction (all-stop: the others run meanwhile). */
    public void step(StepKind kind, StepUnit unit, int detail) throws DebugException {
        target().runControl().step(id, kind, unit, detail);
    }

    @Override
    public void stepInto() throws DebugException {
        step(StepKind.INTO, target().stepUnit(), DebugEvent.STEP_INTO);
    }

    @Override
    public void stepOver() throws DebugException {
        step(StepKind.OVER, target().stepUnit(), DebugEvent.STEP_OVER);
    }

    @Override
    public void stepReturn() throws DebugException {
        IStackFrame top = getTopStackFrame();
        stepReturn(top instanceof RuedoStackFrame f ? f.level() : 0);
    }

    /** Step Return from the frame at gdb level {@code level} (the top frame the user sees may be below a fault handler). */
    void stepReturn(int level) throws DebugException {
        target().runControl().stepReturn(id, level, DebugEvent.STEP_RETURN);
    }

    /** True when the frame at gdb {@code level} has a caller in the frames listed at this stop. */
    boolean hasCaller(int level) {
        IStackFrame[] f = frames;
        return f == null || f.length > 0 && ((RuedoStackFrame) f[f.length - 1]).level() > level;
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
