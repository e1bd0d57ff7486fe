package org.ruedo.debug.mi.commands;

import java.util.List;

import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MIValue;

/**
 * {@code -break-list}: gdb's breakpoint table (what is really installed, with conditions and hit counts).
 *
 * <pre>
 * -&gt; 24-break-list
 * &lt;- 24^done,BreakpointTable={nr_rows="1",nr_cols="6",hdr=[{width="7",...,col_name="number",colhdr="Num"},...],
 *        body=[bkpt={number="1",type="breakpoint",disp="keep",enabled="y",addr="0x1025f6",func="square",...,cond="1 == 0",times="1"},
 *              bkpt={number="2",...,addr="&lt;MULTIPLE&gt;",...,locations=[{number="2.1",...},{number="2.2",...}]}]}
 * </pre>
 * One entry per breakpoint, whatever its number of locations ({@link MIBreakpoint#locations()}).
 */
public final class BreakList extends MICommand<List<MIBreakpoint>> {
    public BreakList() {
        super("-break-list");
    }

    @Override
    public List<MIBreakpoint> result(MIRecord.Result done) {
        MIValue.ListValue body = done.results().tuple("BreakpointTable").list("body");
        List<MIBreakpoint> out = new java.util.ArrayList<>();
        for (int i = 0; i < body.values().size(); i++) {
            // only bkpt= entries: the bare location tuples of an unfixed MI2 table are not breakpoints
            if ("bkpt".equals(body.names().get(i)) && body.values().get(i) instanceof MIValue.Tuple t) {
                out.add(MIBreakpoint.of(t));
            }
        }
        return List.copyOf(out);
    }
}
