package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -gdb-set}.
 *
 * <pre>
 * -&gt; 101-gdb-set mi-async on
 * &lt;- 101^done
 * </pre>
 */
public final class GdbSet extends MICommand<Void> {
    public GdbSet(String variable, String value) {
        super("-gdb-set", variable, value);
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
