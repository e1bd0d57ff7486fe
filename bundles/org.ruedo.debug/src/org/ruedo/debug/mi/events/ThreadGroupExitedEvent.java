package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/**
 * {@code =thread-group-exited,id="i1",exit-code="0"}: the inferior is gone (QEMU exited, or the remote
 * connection closed). {@code exitCode} is null when gdb does not know it.
 */
public record ThreadGroupExitedEvent(String groupId, String exitCode) implements MIEvent {
    /** The event, or null when the record is something else. */
    public static ThreadGroupExitedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.NOTIFY || !a.asyncClass().equals("thread-group-exited")) {
            return null;
        }
        return new ThreadGroupExitedEvent(a.results().str("id"), a.results().str("exit-code"));
    }
}
