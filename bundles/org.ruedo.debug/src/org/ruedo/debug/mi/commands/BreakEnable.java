package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -break-enable}.
 *
 * <pre>
 * -&gt; 21-break-enable 3
 * &lt;- 21^done
 * </pre>
 */
public final class BreakEnable extends MICommand<Void> {
    public BreakEnable(int number) {
        super("-break-enable", Integer.toString(number));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
