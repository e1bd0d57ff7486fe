package org.ruedo.debug.model;

import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.events.BreakpointDeletedEvent;
import org.ruedo.debug.mi.events.MIEvent;
import org.ruedo.debug.mi.events.RunningEvent;
import org.ruedo.debug.mi.events.StoppedEvent;
import org.ruedo.debug.mi.events.ThreadCreatedEvent;
import org.ruedo.debug.mi.events.ThreadExitedEvent;
import org.ruedo.debug.mi.events.ThreadGroupExitedEvent;

/**
 * Turns gdb's async records into model updates and platform DebugEvents, in arrival order, on the MI
 * reader thread. It never sends a command and waits (the reader would wait for itself); whatever
 * needs gdb goes to the target's worker.
 */
final class MIEventDispatcher implements MISession.Listener {
    private final RuedoDebugTarget target;
    private final RunControlService runControl;
    private final BreakpointService breakpoints;

    MIEventDispatcher(RuedoDebugTarget target, RunControlService runControl, BreakpointService breakpoints) {
        this.target = target;
        this.runControl = runControl;
        this.breakpoints = breakpoints;
    }

    @Override
    public void async(MIRecord.Async a) {
        RunControlService.State state = runControl.state();
        switch (MIEvent.of(a)) {
            case ThreadCreatedEvent tc -> {
                RuedoThread t = target.addThread(tc.id());
                if (state != RunControlService.State.STARTING) {
                    t.fireCreationEvent();
                }
            }
            case ThreadExitedEvent te -> {
                RuedoThread t = target.removeThread(te.id());
                if (t != null) {
                    t.fireTerminateEvent();
                }
            }
            case RunningEvent re -> {
                if (state != RunControlService.State.STARTING && state != RunControlService.State.TERMINATED) {
                    int detail = runControl.running();
                    for (RuedoThread t : target.threadList()) {
                        t.resumed();
                        t.fireResumeEvent(detail);
                    }
                    target.cleanUpVarObjects();
                }
            }
            case StoppedEvent se -> {
                if (state != RunControlService.State.STARTING && state != RunControlService.State.TERMINATED) {
                    stopped(se);
                }
            }
            case BreakpointDeletedEvent bd -> breakpoints.deleted(bd.number());
            case ThreadGroupExitedEvent ge -> {
                // the remote side went away (QEMU exited): the session is over
                if (state != RunControlService.State.STARTING) {
                    target.guestEnded("the guest exited");
                }
            }
            default -> {
                // thread groups, breakpoint hit counts, libraries: nothing to show
            }
        }
    }

    private void stopped(StoppedEvent se) {
        if (se.reason() != null && se.reason().startsWith("exited")) {
            target.guestEnded(null);
            return;
        }
        int detail = runControl.stopped(se);
        IBreakpoint[] hit = breakpoints.byNumber(se.breakpoint());
        RuedoThread stopped = target.addThread(se.threadId() > 0 ? se.threadId() : 1);
        for (RuedoThread t : target.threadList()) {
            t.suspended(t == stopped ? hit : new IBreakpoint[0]);
        }
        stopped.fireSuspendEvent(detail);
        for (RuedoThread t : target.threadList()) {
            if (t != stopped) {
                t.fireSuspendEvent(org.eclipse.debug.core.DebugEvent.CLIENT_REQUEST);
            }
        }
    }

    @Override
    public void stream(MIRecord.Stream s) {
        // gdb echoes MI commands on the log stream ("&\"-exec-next\\n\""): not console material
        if (s.kind() != MIRecord.StreamKind.LOG || !s.text().startsWith("-")) {
            target.console(s.text());
        }
    }

    @Override
    public void unparsed(MIRecord.Unparsed u) {
        target.console(u.line() + "\n");
    }

    @Override
    public void closed(String reason) {
        target.gdbEnded(reason);
    }
}
