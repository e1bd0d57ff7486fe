package org.ruedo.debug.mi.commands;

import java.util.List;

import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -break-list}: gdb's breakpoint table (what is really installed, with conditions and hit counts).
 *
 * <pre>
 * -&gt; 24-break-list
 * &lt;- 24^done,BreakpointTable={nr_rows="1",nr_cols="6",hdr=[{width="7",...,col_name="number",colhdr="Num"},...],
 *        body=[bkpt={number="1",type="breakpoint",disp="keep",enabled="y",addr="0x1025f6",func="square",...,cond="1 == 0",times="1"}]}
 * </pre>
 */
public final class BreakList extends MICommand<List<MIBreakpoint>> {
    public BreakList() {
        super("-break-list");
    }

    @Override
    public List<MIBreakpoint> result(MIRecord.Result done) {
        return done.results().tuple("BreakpointTable").list("body").tuples().stream().map(MIBreakpoint::of).toList();
    }
}
