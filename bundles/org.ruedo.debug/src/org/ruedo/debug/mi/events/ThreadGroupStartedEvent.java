package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/** {@code =thread-group-started,id="i1",pid="1"}: gdb attached to the (QEMU) inferior. */
public record ThreadGroupStartedEvent(String groupId, String pid) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static ThreadGroupStartedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.NOTIFY || !a.asyncClass().equals("thread-group-started")) {
            return null;
        }
        return new ThreadGroupStartedEvent(a.results().str("id"), a.results().str("pid"));
    }
}
