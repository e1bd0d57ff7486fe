package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -fix-multi-location-breakpoint-output} (gdb 10+): makes an {@code -i=mi2} gdb report the
 * locations of a multi-location breakpoint as a {@code locations=[...]} list inside its {@code bkpt}
 * tuple, as MI3 does. Without it gdb prints them as bare tuples after the {@code bkpt} result, which
 * the MI grammar does not allow (an answer no parser can read, so the {@code -break-insert} would
 * never get its result):
 *
 * <pre>
 * -&gt; 1-fix-multi-location-breakpoint-output
 * &lt;- 1^done
 *
 * before:  ^done,bkpt={number="1",...,addr="&lt;MULTIPLE&gt;",...},{number="1.1",...},{number="1.2",...}
 * after:   ^done,bkpt={number="2",...,addr="&lt;MULTIPLE&gt;",...,locations=[{number="2.1",...},{number="2.2",...}]}
 * </pre>
 * Sent first, right after gdb starts; it also changes {@code -break-list} and
 * {@code =breakpoint-created|modified}.
 */
public final class FixMultiLocationBreakpointOutput extends MICommand<Void> {
    public FixMultiLocationBreakpointOutput() {
        super("-fix-multi-location-breakpoint-output");
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
