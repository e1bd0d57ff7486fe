package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-step --reverse}: Reverse Step Into: back to the previous source line, entering a function that returned to here. Only a replay (QEMU record/replay) can run backwards; a target that
 * cannot answers {@code ^error,msg="Target ... does not support this command."}. At the start of the
 * recording gdb stops with {@code reason="no-history"}.
 *
 * <pre>
 * -&gt; 60-exec-step --thread 1 --reverse
 * &lt;- 60^running
 * &lt;- *running,thread-id="all"
 * &lt;- *stopped,reason="end-stepping-range",frame={func="forget_config",file="main.c",line="18",...},thread-id="1"
 * </pre>
 */
public final class ExecReverseStep extends MICommand<Void> {
    public ExecReverseStep(int thread) {
        super("-exec-step", "--thread", Integer.toString(thread), "--reverse");
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
