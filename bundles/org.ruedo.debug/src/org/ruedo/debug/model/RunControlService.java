package org.ruedo.debug.model;

import java.nio.file.Path;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecFinish;
import org.ruedo.debug.mi.commands.ExecInterrupt;
import org.ruedo.debug.mi.commands.ExecNext;
import org.ruedo.debug.mi.commands.ExecStep;
import org.ruedo.debug.mi.commands.BreakDelete;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.events.StoppedEvent;

/**
 * Run control (DSF-GDB's IRunControl, all-stop): every vCPU stops and resumes together. Commands go
 * out here; the state changes only when gdb's {@code *running}/{@code *stopped} arrive (through
 * {@link MIEventDispatcher}), because those may come before or after the command's {@code ^running}.
 */
final class RunControlService {
    /** Session states. */
    enum State {
        STARTING, RUNNING, SUSPENDED, TERMINATED
    }

    private final MISession mi;
    private volatile State state = State.STARTING;
    private volatile boolean stepping;
    private volatile int pendingDetail = DebugEvent.CLIENT_REQUEST;
    private volatile StoppedEvent lastStop;
    /** gdb's number of the temporary breakpoint of a Run to Line not reached yet, else 0. */
    private volatile int runToBreakpoint;
    /** Counts *stopped events, so that a ^running does not undo a stop that overtook it. */
    private long stops;

    RunControlService(MISession mi) {
        this.mi = mi;
    }

    State state() {
        return state;
    }

    void setState(State s) {
        state = s;
    }

    boolean isSuspended() {
        return state == State.SUSPENDED;
    }

    boolean isStepping() {
        return stepping;
    }

    StoppedEvent lastStop() {
        return lastStop;
    }

    boolean canResume() {
        return state == State.SUSPENDED && !stepping;
    }

    boolean canSuspend() {
        return state == State.RUNNING;
    }

    // ---- commands ----

    void resume() throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        dropRunToBreakpoint();
        pendingDetail = DebugEvent.CLIENT_REQUEST;
        resuming(new ExecContinue());
    }

    void suspend() throws DebugException {
        if (state != State.RUNNING) {
            return;
        }
        execute(new ExecInterrupt());
    }

    void step(RuedoThread thread, RuedoDebugTarget.Step kind, int detail) throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        dropRunToBreakpoint();
        stepping = true;
        pendingDetail = detail;
        try {
            resuming(switch (kind) {
                case INTO -> new ExecStep(thread.id());
                case OVER -> new ExecNext(thread.id());
                case RETURN -> new ExecFinish(thread.id());
            });
        } catch (DebugException e) {
            stepping = false;
            throw e;
        }
    }

    /**
     * Run to Line, in any function (as DSF-GDB's runToLocation): a temporary breakpoint at the line, then
     * continue. {@code -exec-until} alone would also stop when the current function returns, so a line in
     * another function (a kernel file while in the app's main) would never be reached. The stop at that
     * breakpoint is reported as gdb reports a reached location ({@code reason="location-reached"}, a step
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
    void runToLine(RuedoThread thread, Path file, int line) throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        dropRunToBreakpoint();
        org.ruedo.debug.mi.MIBreakpoint tb = execute(new BreakInsert(file + ":" + line, true, false, null));
        if (tb == null || tb.number() <= 0) {
            throw DebugElementBase.fail(new MIException("gdb set no breakpoint at " + file + ":" + line));
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
    private void resuming(org.ruedo.debug.mi.MICommand<?> cmd) throws DebugException {
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

    private <T> T execute(org.ruedo.debug.mi.MICommand<T> cmd) throws DebugException {
        try {
            return mi.execute(cmd);
        } catch (MIException e) {
            throw DebugElementBase.fail(e);
        }
    }

    // ---- events ----

    /** {@code *running}: returns the DebugEvent detail of the resume (step kind or client request). */
    int running() {
        state = State.RUNNING;
        return pendingDetail;
    }

    /** {@code *stopped}: returns the DebugEvent detail of the suspend. */
    int stopped(StoppedEvent se) {
        int runTo = runToBreakpoint;
        if (runTo > 0 && "breakpoint-hit".equals(se.reason()) && se.breakpoint() == runTo) {
            // gdb deleted the temporary breakpoint when it was hit: the line was reached
            runToBreakpoint = 0;
            se = new StoppedEvent("location-reached", se.threadId(), se.frame(), -1, se.signal());
        }
        lastStop = se;
        stepping = false;
        pendingDetail = DebugEvent.CLIENT_REQUEST;
        synchronized (this) {
            stops++;
            state = State.SUSPENDED;
        }
        return switch (se.reason() == null ? "" : se.reason()) {
            case "breakpoint-hit" -> DebugEvent.BREAKPOINT;
            case "end-stepping-range", "function-finished", "location-reached" -> DebugEvent.STEP_END;
            default -> DebugEvent.CLIENT_REQUEST;
        };
    }
}
