package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -stack-list-frames}.
 *
 * <pre>
 * -&gt; 30-stack-list-frames --thread 1
 * &lt;- 30^done,stack=[frame={level="0",addr="0x..",func="vprintk",file="printk.c",fullname="/k/lib/printk.c",line="34"},frame={level="1",...}]
 * </pre>
 */
public final class StackListFrames extends MICommand<java.util.List<MIFrame>> {
    public StackListFrames(int thread) {
        super("-stack-list-frames", "--thread", Integer.toString(thread));
    }

    @Override
    public java.util.List<MIFrame> result(MIRecord.Result done) {
        return done.results().list("stack").tuples().stream().map(MIFrame::of).toList();
    }
}
