package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -data-evaluate-expression}.
 *
 * <pre>
 * -&gt; 43-data-evaluate-expression --thread 1 --frame 0 "sum * 2"
 * &lt;- 43^done,value="28"
 * </pre>
 */
public final class DataEvaluateExpression extends MICommand<String> {
    public DataEvaluateExpression(int thread, int frame, String expression) {
        super("-data-evaluate-expression", "--thread", Integer.toString(thread), "--frame", Integer.toString(frame), q(expression));
    }

    @Override
    public String result(MIRecord.Result done) {
        return done.results().str("value");
    }
}
