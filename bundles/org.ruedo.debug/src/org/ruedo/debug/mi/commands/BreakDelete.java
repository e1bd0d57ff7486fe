package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -break-delete}.
 *
 * <pre>
 * -&gt; 20-break-delete 3
 * &lt;- 20^done
 * </pre>
 */
public final class BreakDelete extends MICommand<Void> {
    public BreakDelete(int number) {
        super("-break-delete", Integer.toString(number));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
