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
 *
 * from a frame below the innermost one (Step Return with that frame selected): runs until it returns
 * -&gt; 111-exec-finish --thread 1 --frame 2
 * &lt;- 111^running
 *
 * in the outermost frame gdb refuses (the model disables Step Return there)
 * -&gt; 112-exec-finish --thread 1 --frame 3
 * &lt;- 112^error,msg="\"finish\" not meaningful in the outermost frame."
 * </pre>
 */
public final class ExecFinish extends MICommand<Void> {
    public ExecFinish(int thread) {
        super("-exec-finish", "--thread", Integer.toString(thread));
    }

    public ExecFinish(int thread, int frame) {
        super("-exec-finish", "--thread", Integer.toString(thread), "--frame", Integer.toString(frame));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
