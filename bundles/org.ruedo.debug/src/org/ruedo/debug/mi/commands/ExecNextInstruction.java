package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-next-instruction}: one machine instruction (over a call).
 *
 * <pre>
 * -&gt; 112-exec-next-instruction --thread 1
 * &lt;- 112^running
 * &lt;- *running,thread-id="all"
 * &lt;- *stopped,reason="end-stepping-range",frame={addr="0x0000000000101a3c",func="main",file="main.c",line="14",...},thread-id="1"
 * </pre>
 */
public final class ExecNextInstruction extends MICommand<Void> {
    public ExecNextInstruction(int thread) {
        super("-exec-next-instruction", "--thread", Integer.toString(thread));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
