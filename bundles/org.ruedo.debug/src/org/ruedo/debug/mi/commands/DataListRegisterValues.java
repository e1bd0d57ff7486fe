package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MIValue;

/**
 * {@code -data-list-register-values}.
 *
 * <pre>
 * -&gt; 41-data-list-register-values --thread 1 --frame 0 x
 * &lt;- 41^done,register-values=[{number="0",value="0x0"},{number="16",value="0x101234"},...]
 * </pre>
 */
public final class DataListRegisterValues extends MICommand<java.util.Map<Integer, String>> {
    public DataListRegisterValues(int thread, int frame) {
        super("-data-list-register-values", "--thread", Integer.toString(thread), "--frame", Integer.toString(frame), "x");
    }

    @Override
    public java.util.Map<Integer, String> result(MIRecord.Result done) {
        return values(done);
    }

    private static java.util.Map<Integer, String> values(MIRecord.Result done) {
        java.util.Map<Integer, String> m = new java.util.TreeMap<>();
        for (MIValue.Tuple t : done.results().list("register-values").tuples()) {
            m.put(t.integer("number", -1), t.str("value"));
        }
        return m;
    }
}
