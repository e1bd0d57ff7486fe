package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code =breakpoint-modified,bkpt={number="1",...,times="1"}}: hit counts and state changes. A hit of a
 * multi-location breakpoint reports the whole breakpoint:
 * {@code =breakpoint-modified,bkpt={number="2",...,addr="<MULTIPLE>",times="1",...,locations=[{number="2.1",...},...]}}.
 */
public record BreakpointModifiedEvent(MIBreakpoint breakpoint) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static BreakpointModifiedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.NOTIFY || !a.asyncClass().equals("breakpoint-modified")) {
            return null;
        }
        return new BreakpointModifiedEvent(MIBreakpoint.of(a.results().tuple("bkpt")));
    }
}
