package org.ruedo.debug.internal.session;

import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.mi.events.StoppedEvent;

/**
 * What the session tells the platform model ({@code org.ruedo.debug.model}): the model turns these into
 * its elements and DebugEvents. Called on the MI reader thread or the session's worker, in the order gdb
 * reported the events; an implementation must not wait for gdb.
 */
public interface SessionListener {
    /** gdb reported thread {@code id} (one per vCPU); {@code announce} is false during start-up. */
    void threadAdded(int id, boolean announce);

    /** gdb reported thread {@code id} gone. */
    void threadRemoved(int id);

    /** Start-up is over: the target and its threads exist. */
    void started();

    /** The guest runs again; {@code detail} is the DebugEvent detail (step kind or client request). */
    void resumed(int detail);

    /**
     * The guest stopped (all vCPUs: all-stop). {@code hit} are the platform breakpoints behind the stop;
     * {@code frameSkip} is how many of the stopped thread's innermost frames belong to the kernel's fault
     * handler (0 unless {@code stop.reason()} is a fault).
     */
    void suspended(StoppedEvent stop, int detail, IBreakpoint[] hit, int frameSkip);

    /** The session is over (gdb and QEMU are gone). */
    void terminated();
}
