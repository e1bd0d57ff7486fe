package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIParser;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -break-insert}.
 *
 * <pre>
 * -&gt; 104-break-insert -f /src/main.c:12
 * &lt;- 104^done,bkpt={number="1",type="breakpoint",disp="keep",enabled="y",addr="0x..",func="main",file="main.c",fullname="/src/main.c",line="12",times="0"}
 * </pre>
 */
public final class BreakInsert extends MICommand<org.ruedo.debug.mi.MIBreakpoint> {
    public BreakInsert(String location, boolean temporary, boolean hardware, String condition) {
        super("-break-insert", "-f");
        if (temporary) {
            arg("-t");
        }
        if (hardware) {
            arg("-h");
        }
        if (condition != null && !condition.isBlank()) {
            arg("-c", MIParser.quote(condition));
        }
        arg(q(location));
    }

    @Override
    public org.ruedo.debug.mi.MIBreakpoint result(MIRecord.Result done) {
        return org.ruedo.debug.mi.MIBreakpoint.of(done.results().tuple("bkpt"));
    }
}
