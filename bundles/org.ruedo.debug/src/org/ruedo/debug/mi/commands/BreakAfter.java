package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -break-after}: the breakpoint is not hit the next {@code count} times it is reached (gdb's ignore
 * count; 0 = stop every time). gdb counts down as the breakpoint is passed.
 *
 * <pre>
 * -&gt; 24-break-after 3 2
 * &lt;- =breakpoint-modified,bkpt={number="3",type="breakpoint",...,ignore="2",...}
 * &lt;- 24^done
 * </pre>
 */
public final class BreakAfter extends MICommand<Void> {
    public BreakAfter(int number, int count) {
        super("-break-after", Integer.toString(number), Integer.toString(Math.max(0, count)));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
