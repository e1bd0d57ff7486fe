package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -break-condition}.
 *
 * <pre>
 * -&gt; 23-break-condition 3 i == 5
 * &lt;- 23^done
 * </pre>
 */
public final class BreakCondition extends MICommand<Void> {
    public BreakCondition(int number, String condition) {
        super("-break-condition", Integer.toString(number), condition);
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
