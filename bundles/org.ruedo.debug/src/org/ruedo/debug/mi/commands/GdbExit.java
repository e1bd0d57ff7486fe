package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -gdb-exit}.
 *
 * <pre>
 * -&gt; 99-gdb-exit
 * &lt;- 99^exit
 * </pre>
 */
public final class GdbExit extends MICommand<Void> {
    public GdbExit() {
        super("-gdb-exit");
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
