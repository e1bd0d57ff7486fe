package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-next --reverse}: Reverse Step Over: back to the start of the previous source line of this function. Only a replay (QEMU record/replay) can run backwards; a target that
 * cannot answers {@code ^error,msg="Target ... does not support this command."}. At the start of the
 * recording gdb stops with {@code reason="no-history"}.
 *
 * <pre>
 * -&gt; 60-exec-next --thread 1 --reverse
 * &lt;- 60^running
 * &lt;- *running,thread-id="all"
 * &lt;- *stopped,reason="end-stepping-range",frame={func="forget_config",file="main.c",line="19",...},thread-id="1"
 * </pre>
 */
public final class ExecReverseNext extends MICommand<Void> {
    public ExecReverseNext(int thread) {
        super("-exec-next", "--thread", Integer.toString(thread), "--reverse");
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
