package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -var-delete}.
 *
 * <pre>
 * -&gt; 35-var-delete var1
 * &lt;- 35^done,ndeleted="1"
 * </pre>
 */
public final class VarDelete extends MICommand<Void> {
    public VarDelete(String varName) {
        super("-var-delete", varName);
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
