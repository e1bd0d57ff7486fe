package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-continue}.
 *
 * <pre>
 * -&gt; 105-exec-continue
 * &lt;- 105^running
 * &lt;- *running,thread-id="all"
 * &lt;- *stopped,reason="breakpoint-hit",bkptno="1",frame={...},thread-id="1"
 * </pre>
 */
public final class ExecContinue extends MICommand<Void> {
    public ExecContinue() {
        super("-exec-continue");
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
