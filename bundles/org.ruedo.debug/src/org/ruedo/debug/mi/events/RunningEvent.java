package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/** {@code *running,thread-id="all"} (or a thread number). */
public record RunningEvent(String threadId) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static RunningEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.EXEC || !a.asyncClass().equals("running")) {
            return null;
        }
        return new RunningEvent(a.results().str("thread-id"));
    }
}
