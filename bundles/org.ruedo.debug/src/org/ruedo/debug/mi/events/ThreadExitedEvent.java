package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/** {@code =thread-exited,id="2",group-id="i1"}. */
public record ThreadExitedEvent(int id) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static ThreadExitedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.NOTIFY || !a.asyncClass().equals("thread-exited")) {
            return null;
        }
        return new ThreadExitedEvent(a.results().integer("id", -1));
    }
}
