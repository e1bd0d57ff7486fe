package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-until}.
 *
 * <pre>
 * -&gt; 111-exec-until --thread 1 /src/main.c:20
 * &lt;- 111^running
 * &lt;- *stopped,reason="location-reached",frame={...,line="20"},thread-id="1"
 * </pre>
 */
public final class ExecUntil extends MICommand<Void> {
    public ExecUntil(int thread, String location) {
        super("-exec-until", "--thread", Integer.toString(thread), q(location));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
