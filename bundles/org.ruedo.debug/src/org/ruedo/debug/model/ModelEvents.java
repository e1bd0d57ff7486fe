package org.ruedo.debug.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.internal.session.SessionListener;
import org.ruedo.debug.mi.events.StoppedEvent;

/**
 * The model's side of the session: keeps one {@link RuedoThread} per gdb thread (vCPU) and turns session
 * events into platform DebugEvents on the target and its threads.
 */
final class ModelEvents implements SessionListener {
    private final RuedoDebugTarget target;
    private final Map<Integer, RuedoThread> threads = new LinkedHashMap<>();

    ModelEvents(RuedoDebugTarget target) {
        this.target = target;
    }

    List<RuedoThread> threads() {
        synchronized (threads) {
            return new ArrayList<>(threads.values());
        }
    }

    private RuedoThread thread(int id) {
        synchronized (threads) {
            return threads.computeIfAbsent(id, i -> new RuedoThread(target, i));
        }
    }

    @Override
    public void threadAdded(int id, boolean announce) {
        RuedoThread t = thread(id);
        if (announce) {
            t.fireCreationEvent();
        }
    }

    @Override
    public void threadRemoved(int id) {
        RuedoThread t;
        synchronized (threads) {
            t = threads.remove(id);
        }
        if (t != null) {
            t.fireTerminateEvent();
        }
    }

    @Override
    public void started() {
        target.fireCreationEvent();
        threads().forEach(RuedoThread::fireCreationEvent);
    }

    @Override
    public void resumed(int detail) {
        for (RuedoThread t : threads()) {
            t.resumed();
            t.fireResumeEvent(detail);
        }
    }

    /** The stopping vCPU gets the reason and the detail; the others (all-stop) a client-request suspend. */
    @Override
    public void suspended(StoppedEvent stop, int detail, IBreakpoint[] hit, int frameSkip) {
        RuedoThread stopped = thread(stop.threadId() > 0 ? stop.threadId() : 1);
        List<RuedoThread> all = threads();
        for (RuedoThread t : all) {
            if (t == stopped) {
                t.suspended(stop.reason(), hit, frameSkip, stop.frame());
            } else {
                t.suspended(null, new IBreakpoint[0], 0, null);
            }
        }
        stopped.fireSuspendEvent(detail);
        for (RuedoThread t : all) {
            if (t != stopped) {
                t.fireSuspendEvent(DebugEvent.CLIENT_REQUEST);
            }
        }
    }

    @Override
    public void terminated() {
        for (RuedoThread t : threads()) {
            t.fireTerminateEvent();
        }
        target.fireTerminateEvent();
    }
}
