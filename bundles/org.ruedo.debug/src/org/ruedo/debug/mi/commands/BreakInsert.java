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
 *
 * a line of a static inline function inlined in several places: one breakpoint, several locations
 * (the form after {@link FixMultiLocationBreakpointOutput})
 * -&gt; 9-break-insert -f /k/arch/x86_64/include/arch/io.h:6
 * &lt;- 9^done,bkpt={number="2",type="breakpoint",disp="keep",enabled="y",addr="&lt;MULTIPLE&gt;",times="0",original-location="/k/arch/x86_64/include/arch/io.h:6",
 *        locations=[{number="2.1",enabled="y",addr="0x000000000010037e",func="outb",file="/k/arch/x86_64/include/arch/io.h",fullname="/k/arch/x86_64/include/arch/io.h",line="6",thread-groups=["i1"]},
 *                   {number="2.2",enabled="y",addr="0x0000000000100387",func="outb",...},...]}
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
