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
import org.ruedo.debug.mi.commands.ExecUntil;
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

    void runToLine(RuedoThread thread, Path file, int line) throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        pendingDetail = DebugEvent.CLIENT_REQUEST;
        resuming(new ExecUntil(thread.id(), file + ":" + line));
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

    private void execute(org.ruedo.debug.mi.MICommand<?> cmd) throws DebugException {
        try {
            mi.execute(cmd);
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
