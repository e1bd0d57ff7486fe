package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code *stopped,reason="breakpoint-hit",disp="keep",bkptno="1",frame={...},thread-id="1",stopped-threads="all"}:
 * the typed {@link StopReason}, the thread that stopped (0 when gdb names none) and its frame.
 */
public record StoppedEvent(StopReason reason, int threadId, MIFrame frame) implements MIEvent {
    /** The event, or null when the record is not {@code *stopped}. */
    public static StoppedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.EXEC || !a.asyncClass().equals("stopped")) {
            return null;
        }
        var r = a.results();
        return new StoppedEvent(StopReason.of(r), r.integer("thread-id", 0), MIFrame.of(r.tuple("frame")));
    }

    /** The same stop with another reason (a breakpoint hit the run control service owns). */
    public StoppedEvent withReason(StopReason r) {
        return new StoppedEvent(r, threadId, frame);
    }

    /** The breakpoint number of a breakpoint or watchpoint stop, else -1. */
    public int breakpoint() {
        return reason.breakpoint();
    }
}
