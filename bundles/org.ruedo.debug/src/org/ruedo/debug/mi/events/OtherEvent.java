package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIRecord;

/**
 * An async record without a dedicated class ({@code =library-loaded}, {@code =cmd-param-changed},
 * {@code +download}...): kept whole so nothing is lost.
 */
public record OtherEvent(MIRecord.Async record) implements MIEvent {
}
