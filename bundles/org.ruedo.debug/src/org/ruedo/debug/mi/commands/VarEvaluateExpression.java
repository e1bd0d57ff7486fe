package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -var-evaluate-expression}.
 *
 * <pre>
 * -&gt; 34-var-evaluate-expression var1
 * &lt;- 34^done,value="14"
 * </pre>
 */
public final class VarEvaluateExpression extends MICommand<String> {
    public VarEvaluateExpression(String varName) {
        super("-var-evaluate-expression", varName);
    }

    @Override
    public String result(MIRecord.Result done) {
        return done.results().str("value");
    }
}
