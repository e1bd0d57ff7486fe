package org.ruedo.debug.internal.service;

import java.nio.file.Path;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakDelete;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecFinish;
import org.ruedo.debug.mi.commands.ExecInterrupt;
import org.ruedo.debug.mi.commands.ExecNext;
import org.ruedo.debug.mi.commands.ExecNextInstruction;
import org.ruedo.debug.mi.commands.ExecStep;
import org.ruedo.debug.mi.commands.ExecStepInstruction;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.mi.events.StoppedEvent;

/**
 * Run control (DSF-GDB's IRunControl, all-stop): every vCPU stops and resumes together. Commands go
 * out here; the state changes only when gdb's {@code *running}/{@code *stopped} arrive (through
 * {@link EventDispatcher}), because those may come before or after the command's {@code ^running}.
 * Steps have a kind (into, over, return) and a unit (a source line or one machine instruction).
 */
public final class RunControlService extends MIService {
    /** Session states. */
    public enum State {
        STARTING, RUNNING, SUSPENDED, TERMINATED
    }

    /** Step kinds. */
    public enum StepKind {
        INTO, OVER, RETURN
    }

    /** What one step covers: a source line, or one machine instruction (the Disassembly view's steps). */
    public enum StepUnit {
        LINE, INSTRUCTION
    }

    private volatile State state = State.STARTING;
    private volatile boolean stepping;
    private volatile int pendingDetail = DebugEvent.CLIENT_REQUEST;
    private volatile StoppedEvent lastStop;
    /** gdb's number of the temporary breakpoint of a Run to Line not reached yet, else 0. */
    private volatile int runToBreakpoint;
    /** Counts *stopped events, so that a ^running does not undo a stop that overtook it. */
    private long stops;

    public RunControlService(MISession mi) {
        super(mi);
    }

    public State state() {
        return state;
    }

    public void setState(State s) {
        state = s;
    }

    public boolean isSuspended() {
        return state == State.SUSPENDED;
    }

    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    public boolean isStepping() {
        return stepping;
    }

    /** The last stop (null before the first). */
    public StoppedEvent lastStop() {
        return lastStop;
    }

    public boolean canResume() {
        return state == State.SUSPENDED && !stepping;
    }

    public boolean canSuspend() {
        return state == State.RUNNING;
    }

    // ---- commands ----

    public void resume() throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        dropRunToBreakpoint();
        pendingDetail = DebugEvent.CLIENT_REQUEST;
        resuming(new ExecContinue());
    }

    public void suspend() throws DebugException {
        if (state != State.RUNNING) {
            return;
        }
        execute(new ExecInterrupt());
    }

    /** Steps {@code thread} (gdb's thread id); {@code detail} is the DebugEvent detail of the resume. */
    public void step(int thread, StepKind kind, StepUnit unit, int detail) throws DebugException {
        stepping(detail, switch (kind) {
            case INTO -> unit == StepUnit.LINE ? new ExecStep(thread) : new ExecStepInstruction(thread);
            case OVER -> unit == StepUnit.LINE ? new ExecNext(thread) : new ExecNextInstruction(thread);
            case RETURN -> new ExecFinish(thread);
        });
    }

    /** Step Return from frame {@code level} of {@code thread}: runs until that frame returns to its caller. */
    public void stepReturn(int thread, int level, int detail) throws DebugException {
        stepping(detail, level == 0 ? new ExecFinish(thread) : new ExecFinish(thread, level));
    }

    private void stepping(int detail, MICommand<?> cmd) throws DebugException {
        run(cmd, true, detail);
    }

    /**
     * Run to Line, in any function (as DSF-GDB's runToLocation): a temporary breakpoint at the line, then
     * continue. {@code -exec-until} alone would also stop when the current function returns, so a line in
     * another function (a kernel file while in the app's main) would never be reached. The stop at that
     * breakpoint is reported as gdb reports a reached location ({@link StopReason.LocationReached}, a step
     * end); a stop elsewhere first (another breakpoint, a suspend) leaves the temporary breakpoint, which
     * is deleted before the guest runs again.
     *
     * <pre>
     * -&gt; 40-break-insert -f -t /p/kernel/lib/printk.c:30
     * &lt;- 40^done,bkpt={number="7",type="breakpoint",disp="del",...,line="30"}
     * -&gt; 41-exec-continue
     * &lt;- *stopped,reason="breakpoint-hit",disp="del",bkptno="7",frame={func="vprintk",...,line="30"},thread-id="1"
     * </pre>
     */
    public void runToLine(Path file, int line) throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        dropRunToBreakpoint();
        MIBreakpoint tb = execute(new BreakInsert(file + ":" + line, true, false, null));
        if (tb == null || tb.number() <= 0) {
            throw ServiceException.of("gdb set no breakpoint at " + file + ":" + line + ".");
        }
        runToBreakpoint = tb.number();
        pendingDetail = DebugEvent.STEP_END;
        resuming(new ExecContinue());
    }

    /** Deletes a Run to Line breakpoint that was not reached (the guest stopped elsewhere first). */
    private void dropRunToBreakpoint() throws DebugException {
        int n = runToBreakpoint;
        if (n > 0) {
            runToBreakpoint = 0;
            execute(new BreakDelete(n));
        }
    }

    /**
     * Sends a command that lets the guest run. Once gdb accepted it ({@code ^running}) the session is
     * running even if the {@code *running} record is still on its way, unless a {@code *stopped} already
     * came in between (a very short step): callers see no stale "suspended" right after resuming.
     */
    private void resuming(MICommand<?> cmd) throws DebugException {
        long before;
        synchronized (this) {
            before = stops;
        }
        execute(cmd);
        synchronized (this) {
            if (stops == before && state == State.SUSPENDED) {
                state = State.RUNNING;
            }
        }
    }


    /**
     * Starts a command that lets the guest run (the reverse steps of {@link ReverseRunControlService}):
     * {@code step} marks it as a step, {@code detail} is the DebugEvent detail of the resume.
     */
    void run(MICommand<?> cmd, boolean step, int detail) throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        dropRunToBreakpoint();
        stepping = step;
        pendingDetail = detail;
        try {
            resuming(cmd);
        } catch (DebugException e) {
            stepping = false;
            throw e;
        }
    }

    /** While set, gdb's stops go to this hook, not to the model (the replays inside a Reverse Resume). */
    private volatile java.util.function.Consumer<StoppedEvent> hidden;

    void hideStops(java.util.function.Consumer<StoppedEvent> hook) {
        hidden = hook;
    }

    /** True while stops are hidden: their {@code *running} records are not the model's either. */
    boolean hidesStops() {
        return hidden != null;
    }

    /** Hands a stop to the hook when one is set; false when the stop is the model's. */
    boolean hide(StoppedEvent se) {
        java.util.function.Consumer<StoppedEvent> h = hidden;
        if (h == null) {
            return false;
        }
        h.accept(se);
        return true;
    }

    // ---- events ----

    /** {@code *running}: returns the DebugEvent detail of the resume (step kind or client request). */
    int running() {
        state = State.RUNNING;
        return pendingDetail;
    }

    /**
     * {@code *stopped}: a hit of this service's Run to Line breakpoint becomes
     * {@link StopReason.LocationReached}. Returns the stop as the session reports it.
     */
    StoppedEvent translate(StoppedEvent se) {
        int runTo = runToBreakpoint;
        if (runTo > 0 && se.reason() instanceof StopReason.BreakpointHit b && b.number() == runTo) {
            // gdb deleted the temporary breakpoint when it was hit: the line was reached
            runToBreakpoint = 0;
            return se.withReason(new StopReason.LocationReached());
        }
        return se;
    }

    /** Records a stop (after {@link #translate}); returns the DebugEvent detail of the suspend. */
    int stopped(StoppedEvent se) {
        lastStop = se;
        stepping = false;
        pendingDetail = DebugEvent.CLIENT_REQUEST;
        synchronized (this) {
            stops++;
            state = State.SUSPENDED;
        }
        return switch (se.reason()) {
            case StopReason.BreakpointHit b -> DebugEvent.BREAKPOINT;
            case StopReason.WatchpointTrigger w -> DebugEvent.BREAKPOINT;
            case StopReason.WatchpointScope w -> DebugEvent.BREAKPOINT;
            case StopReason.Fault f -> DebugEvent.BREAKPOINT;
            case StopReason.SteppingRange s -> DebugEvent.STEP_END;
            case StopReason.FunctionFinished f -> DebugEvent.STEP_END;
            case StopReason.LocationReached l -> DebugEvent.STEP_END;
            case StopReason.NoHistory n -> DebugEvent.STEP_END;
            case StopReason.Signal s -> DebugEvent.CLIENT_REQUEST;
            case StopReason.Exited x -> DebugEvent.CLIENT_REQUEST;
            case StopReason.Other o -> DebugEvent.CLIENT_REQUEST;
        };
    }
}
