package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-next}.
 *
 * <pre>
 * -&gt; 107-exec-next --thread 1
 * &lt;- 107^running
 * &lt;- *running,thread-id="all"
 * &lt;- *stopped,reason="end-stepping-range",frame={func="main",file="main.c",line="13",...},thread-id="1"
 * </pre>
 */
public final class ExecNext extends MICommand<Void> {
    public ExecNext(int thread) {
        super("-exec-next", "--thread", Integer.toString(thread));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
