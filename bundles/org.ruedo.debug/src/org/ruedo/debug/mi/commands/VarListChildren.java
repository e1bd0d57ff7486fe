package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -var-list-children}.
 *
 * <pre>
 * -&gt; 33-var-list-children --all-values var2
 * &lt;- 33^done,numchild="2",children=[child={name="var2.value",exp="value",numchild="0",value="42",type="int"},...]
 * </pre>
 */
public final class VarListChildren extends MICommand<java.util.List<org.ruedo.debug.mi.MIVarObject>> {
    public VarListChildren(String varName) {
        super("-var-list-children", "--all-values", varName);
    }

    @Override
    public java.util.List<org.ruedo.debug.mi.MIVarObject> result(MIRecord.Result done) {
        return done.results().list("children").tuples().stream().map(org.ruedo.debug.mi.MIVarObject::of).toList();
    }
}
