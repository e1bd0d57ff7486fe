package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -break-disable}.
 *
 * <pre>
 * -&gt; 22-break-disable 3
 * &lt;- 22^done
 * </pre>
 */
public final class BreakDisable extends MICommand<Void> {
    public BreakDisable(int number) {
        super("-break-disable", Integer.toString(number));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
