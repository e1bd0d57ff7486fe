package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code *stopped,reason="breakpoint-hit",disp="keep",bkptno="1",frame={...},thread-id="1",stopped-threads="all"}.
 * The reason is null when gdb gives none (e.g. right after {@code -target-select remote}).
 */
public record StoppedEvent(String reason, int threadId, MIFrame frame, int breakpoint, String signal) implements MIEvent {
    /** The event, or null when the record is not {@code *stopped}. */
    public static StoppedEvent from(MIRecord.Async a) {
        if (a.kind() != MIRecord.AsyncKind.EXEC || !a.asyncClass().equals("stopped")) {
            return null;
        }
        var r = a.results();
        return new StoppedEvent(r.str("reason"), r.integer("thread-id", 0), MIFrame.of(r.tuple("frame")),
                r.integer("bkptno", -1), r.str("signal-name"));
    }
}
