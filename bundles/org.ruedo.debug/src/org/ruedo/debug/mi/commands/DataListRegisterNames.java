package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -data-list-register-names}.
 *
 * <pre>
 * -&gt; 40-data-list-register-names
 * &lt;- 40^done,register-names=["rax","rbx","rcx",...,"rip","eflags","cs",...]
 * </pre>
 */
public final class DataListRegisterNames extends MICommand<java.util.List<String>> {
    public DataListRegisterNames() {
        super("-data-list-register-names");
    }

    @Override
    public java.util.List<String> result(MIRecord.Result done) {
        return done.results().list("register-names").strings();
    }
}
