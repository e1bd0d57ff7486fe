package org.ruedo.debug.internal.service;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.internal.session.SessionListener;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.events.BreakpointDeletedEvent;
import org.ruedo.debug.mi.events.MIEvent;
import org.ruedo.debug.mi.events.RunningEvent;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.mi.events.StoppedEvent;
import org.ruedo.debug.mi.events.ThreadCreatedEvent;
import org.ruedo.debug.mi.events.ThreadExitedEvent;
import org.ruedo.debug.mi.events.ThreadGroupExitedEvent;

/**
 * Turns gdb's async records into service updates and {@link SessionListener} calls, in arrival order, on
 * the MI reader thread. It never sends a command and waits (the reader would wait for itself): a fault
 * stop, which needs gdb for its reason and frames, is finished on the session's worker.
 */
public final class EventDispatcher implements MISession.Listener {
    /** What the dispatcher needs from the session that owns it. */
    public interface Session {
        SessionListener model();

        /** The remote side ended (QEMU exited by itself). */
        void guestEnded();

        /** gdb's output ended. */
        void gdbEnded(String reason);

        /** Text for the gdb console. */
        void console(String text);

        /** The worker that may ask gdb. */
        Executor worker();
    }

    private final Session session;
    private final RunControlService runControl;
    private final BreakpointService breakpoints;
    private final VariableService variables;
    private final FaultService faults;

    public EventDispatcher(Session session, RunControlService runControl, BreakpointService breakpoints,
            VariableService variables, FaultService faults) {
        this.session = session;
        this.runControl = runControl;
        this.breakpoints = breakpoints;
        this.variables = variables;
        this.faults = faults;
    }

    @Override
    public void async(MIRecord.Async a) {
        RunControlService.State state = runControl.state();
        boolean live = state != RunControlService.State.STARTING && state != RunControlService.State.TERMINATED;
        switch (MIEvent.of(a)) {
            case ThreadCreatedEvent tc -> session.model().threadAdded(tc.id(), state != RunControlService.State.STARTING);
            case ThreadExitedEvent te -> session.model().threadRemoved(te.id());
            case RunningEvent re -> {
                if (live && !runControl.hidesStops()) {
                    int detail = runControl.running();
                    variables.resumed();
                    session.model().resumed(detail);
                }
            }
            case StoppedEvent se -> {
                if (live && !runControl.hide(se)) {
                    stopped(se);
                }
            }
            case BreakpointDeletedEvent bd -> breakpoints.deleted(bd.number());
            case ThreadGroupExitedEvent ge -> {
                // the remote side went away (QEMU exited): the session is over
                if (state != RunControlService.State.STARTING) {
                    session.guestEnded();
                }
            }
            default -> {
                // thread groups, breakpoint hit counts, libraries: nothing to show
            }
        }
    }

    /** Reports a stop as if gdb had just sent it (the end of a Reverse Resume, whose replays were hidden). */
    public void deliver(StoppedEvent se) {
        stopped(se);
    }

    private void stopped(StoppedEvent se) {
        if (se.reason() instanceof StopReason.Exited) {
            session.guestEnded();
            return;
        }
        if (faults.isFault(se)) {
            try {
                session.worker().execute(() -> {
                    FaultService.FaultStop f = faults.resolve(se);
                    if (runControl.state() != RunControlService.State.TERMINATED) {
                        report(f.stop(), f.handlerFrames());
                    }
                });
            } catch (RejectedExecutionException e) {
                // the session is ending
            }
            return;
        }
        if (se.reason() instanceof StopReason.WatchpointScope ws) {
            // gdb deleted the watchpoint when its frame ended; the platform one stays for the next launch
            IBreakpoint[] gone = breakpoints.byNumber(ws.number());
            breakpoints.deleted(ws.number());
            session.console("Watchpoint " + ws.number() + " deleted: the frame of its local variable ended"
                    + (se.frame() != null && se.frame().func() != null ? " (now in " + se.frame().func() + ")" : "") + ".\n");
            int detail = runControl.stopped(se);
            session.model().suspended(se, detail, gone, 0);
            return;
        }
        report(runControl.translate(se), 0);
    }

    private void report(StoppedEvent se, int frameSkip) {
        int detail = runControl.stopped(se);
        IBreakpoint[] hit = breakpoints.byNumber(se.breakpoint());
        session.model().suspended(se, detail, hit, frameSkip);
    }

    @Override
    public void stream(MIRecord.Stream s) {
        // gdb echoes MI commands on the log stream ("&\"-exec-next\\n\""): not console material
        if (s.kind() != MIRecord.StreamKind.LOG || !s.text().startsWith("-")) {
            session.console(s.text());
        }
    }

    /** gdb's raw error text goes to the gdb console; the user gets it as one sentence ({@link GdbErrors}). */
    @Override
    public void error(MIRecord.Result r) {
        session.console((r.errorMessage() != null ? r.errorMessage() : "error") + "\n");
    }

    @Override
    public void unparsed(MIRecord.Unparsed u) {
        session.console(u.line() + "\n");
    }

    @Override
    public void closed(String reason) {
        session.gdbEnded(reason);
    }
}
