package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -target-select}.
 *
 * <pre>
 * -&gt; 103-target-select remote 127.0.0.1:12346
 * &lt;- =thread-group-started,id="i1",pid="1"
 * &lt;- =thread-created,id="1",group-id="i1"
 * &lt;- *stopped,frame={addr="0x000000000000fff0",func="??",args=[]},thread-id="1",stopped-threads="all"
 * &lt;- 103^connected
 * </pre>
 */
public final class TargetSelectRemote extends MICommand<Void> {
    public TargetSelectRemote(String host, int port) {
        super("-target-select", "remote", host + ":" + port);
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
