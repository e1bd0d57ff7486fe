package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code =breakpoint-created,bkpt={number="2",type="breakpoint",...}}: a breakpoint made from the gdb
 * console ({@code break foo}) rather than by an MI command. A breakpoint with several locations carries
 * them in {@code locations=[{number="2.1",...},...]} inside the tuple ({@link MIBreakpoint#locations()}).
 */
public record BreakpointCreatedEvent(MIBreakpoint breakpoint) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static BreakpointCreatedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.NOTIFY || !a.asyncClass().equals("breakpoint-created")) {
            return null;
        }
        return new BreakpointCreatedEvent(MIBreakpoint.of(a.results().tuple("bkpt")));
    }
}
