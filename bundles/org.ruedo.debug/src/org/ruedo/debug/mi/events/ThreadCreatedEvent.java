package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/** {@code =thread-created,id="2",group-id="i1"}: with QEMU, one per vCPU. */
public record ThreadCreatedEvent(int id) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static ThreadCreatedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.NOTIFY || !a.asyncClass().equals("thread-created")) {
            return null;
        }
        return new ThreadCreatedEvent(a.results().integer("id", -1));
    }
}
