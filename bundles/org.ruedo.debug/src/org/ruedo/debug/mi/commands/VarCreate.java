package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -var-create}.
 *
 * <pre>
 * -&gt; 32-var-create --thread 1 --frame 0 - * sum
 * &lt;- 32^done,name="var1",numchild="0",value="14",type="int",thread-id="1",has_more="0"
 * </pre>
 */
public final class VarCreate extends MICommand<org.ruedo.debug.mi.MIVarObject> {
    public VarCreate(int thread, int frame, String expression) {
        super("-var-create", "--thread", Integer.toString(thread), "--frame", Integer.toString(frame), "-", "*", q(expression));
    }

    @Override
    public org.ruedo.debug.mi.MIVarObject result(MIRecord.Result done) {
        return org.ruedo.debug.mi.MIVarObject.of(done.results());
    }
}
