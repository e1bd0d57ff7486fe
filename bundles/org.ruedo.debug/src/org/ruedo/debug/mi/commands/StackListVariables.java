package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MIValue;

/**
 * {@code -stack-list-variables}.
 *
 * <pre>
 * -&gt; 31-stack-list-variables --thread 1 --frame 0 --simple-values
 * &lt;- 31^done,variables=[{name="cpus",type="int",value="1"},{name="sum",type="int",value="14"}]
 * </pre>
 */
public final class StackListVariables extends MICommand<java.util.List<MIValue.Tuple>> {
    public StackListVariables(int thread, int frame) {
        super("-stack-list-variables", "--thread", Integer.toString(thread), "--frame", Integer.toString(frame), "--simple-values");
    }

    @Override
    public java.util.List<MIValue.Tuple> result(MIRecord.Result done) {
        return done.results().list("variables").tuples();
    }
}
