package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-finish}.
 *
 * <pre>
 * -&gt; 110-exec-finish --thread 1
 * &lt;- 110^running
 * &lt;- *stopped,reason="function-finished",frame={...},gdb-result-var="$1",return-value="0"
 * </pre>
 */
public final class ExecFinish extends MICommand<Void> {
    public ExecFinish(int thread) {
        super("-exec-finish", "--thread", Integer.toString(thread));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
