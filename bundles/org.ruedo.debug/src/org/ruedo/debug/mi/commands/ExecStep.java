package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-step}.
 *
 * <pre>
 * -&gt; 106-exec-step --thread 1
 * &lt;- 106^running
 * &lt;- *stopped,reason="end-stepping-range",frame={func="serial_init",...},thread-id="1"
 * </pre>
 */
public final class ExecStep extends MICommand<Void> {
    public ExecStep(int thread) {
        super("-exec-step", "--thread", Integer.toString(thread));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
