package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -exec-step-instruction --reverse}: Reverse Step Into in instruction stepping mode (gdb's reverse-stepi). Only a replay (QEMU record/replay) can run backwards; a target that
 * cannot answers {@code ^error,msg="Target ... does not support this command."}. At the start of the
 * recording gdb stops with {@code reason="no-history"}.
 *
 * <pre>
 * -&gt; 60-exec-step-instruction --thread 1 --reverse
 * &lt;- 60^running
 * &lt;- *running,thread-id="all"
 * &lt;- *stopped,reason="end-stepping-range",frame={addr="0x0000000000100d4e",func="trap_handler",line="128",...},thread-id="1"
 * </pre>
 */
public final class ExecReverseStepInstruction extends MICommand<Void> {
    public ExecReverseStepInstruction(int thread) {
        super("-exec-step-instruction", "--thread", Integer.toString(thread), "--reverse");
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
