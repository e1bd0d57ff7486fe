package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-interrupt}.
 *
 * <pre>
 * -&gt; 12-exec-interrupt
 * &lt;- 12^done
 * &lt;- *stopped,reason="signal-received",signal-name="SIGINT",frame={...},thread-id="1"
 * </pre>
 */
public final class ExecInterrupt extends MICommand<Void> {
    public ExecInterrupt() {
        super("-exec-interrupt");
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
