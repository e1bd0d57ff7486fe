package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -var-assign}: changes a variable in the guest (editing a value in the Variables view);
 * the result is the new value as gdb formats it.
 *
 * <pre>
 * -&gt; 35-var-assign var1 42
 * &lt;- 35^done,value="42"
 * </pre>
 */
public final class VarAssign extends MICommand<String> {
    public VarAssign(String varObject, String expression) {
        super("-var-assign", varObject, q(expression));
    }

    @Override
    public String result(MIRecord.Result done) {
        return done.results().str("value");
    }
}
