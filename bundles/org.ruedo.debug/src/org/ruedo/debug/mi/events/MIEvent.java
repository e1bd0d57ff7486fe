package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/**
 * A typed GDB/MI async event. {@link #of(MIRecord.Async)} is the one place that maps an async record
 * ({@code *stopped}, {@code *running}, {@code =thread-created}, ...) to its event class; records no
 * class knows become {@link OtherEvent}, so callers can switch over the sealed hierarchy.
 */
public sealed interface MIEvent permits StoppedEvent, RunningEvent, ThreadCreatedEvent, ThreadExitedEvent,
        ThreadGroupStartedEvent, ThreadGroupExitedEvent, BreakpointCreatedEvent, BreakpointModifiedEvent,
        BreakpointDeletedEvent, OtherEvent {

    /** The typed event of an async record (never null). */
    static MIEvent of(MIRecord.Async a) {
        MIEvent e = StoppedEvent.from(a);
        if (e == null) {
            e = RunningEvent.from(a);
        }
        if (e == null) {
            e = ThreadCreatedEvent.from(a);
        }
        if (e == null) {
            e = ThreadExitedEvent.from(a);
        }
        if (e == null) {
            e = ThreadGroupStartedEvent.from(a);
        }
        if (e == null) {
            e = ThreadGroupExitedEvent.from(a);
        }
        if (e == null) {
            e = BreakpointCreatedEvent.from(a);
        }
        if (e == null) {
            e = BreakpointModifiedEvent.from(a);
        }
        if (e == null) {
            e = BreakpointDeletedEvent.from(a);
        }
        return e != null ? e : new OtherEvent(a);
    }
}
