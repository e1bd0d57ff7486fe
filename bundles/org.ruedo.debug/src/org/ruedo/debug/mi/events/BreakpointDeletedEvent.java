package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/** {@code =breakpoint-deleted,id="2"}: deleted from the gdb console, or a temporary breakpoint that was hit. */
public record BreakpointDeletedEvent(int number) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static BreakpointDeletedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.NOTIFY || !a.asyncClass().equals("breakpoint-deleted")) {
            return null;
        }
        return new BreakpointDeletedEvent(a.results().integer("id", -1));
    }
}
