package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -thread-select}: makes a vCPU the current thread (for CLI commands in the gdb console).
 *
 * <pre>
 * -&gt; 70-thread-select 2
 * &lt;- =thread-selected,id="2",frame={level="0",addr="0x..",func="ap_idle",...}
 * &lt;- 70^done,new-thread-id="2",frame={level="0",addr="0x..",func="ap_idle",args=[],file="smp.c",line="88"}
 * </pre>
 */
public final class ThreadSelect extends MICommand<MIFrame> {
    public ThreadSelect(int thread) {
        super("-thread-select", Integer.toString(thread));
    }

    @Override
    public MIFrame result(MIRecord.Result done) {
        return MIFrame.of(done.results().tuple("frame"));
    }
}
