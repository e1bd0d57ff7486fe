package org.ruedo.debug.mi.commands;

import java.util.List;

import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIParser;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MIValue;

/**
 * {@code -break-watch [-r|-a] EXPR}: a write, read or access watchpoint ({@code hw-rwpt} read,
 * {@code hw-awpt} access: these exist only in hardware). gdb 13 answers {@code wpt} for every write
 * watchpoint, also for a hardware one (QEMU's gdbstub implements them under TCG): {@code -break-list}'s
 * {@code type="hw watchpoint"} or {@code type="watchpoint"} (software: gdb single-steps the guest) tells.
 * The returned breakpoint's {@code type} is the result's name.
 *
 * <pre>
 * -&gt; 30-break-watch rallies
 * &lt;- 30^done,wpt={number="3",exp="rallies"}
 * -&gt; 31-break-list
 * &lt;- 31^done,BreakpointTable={...,body=[...,bkpt={number="3",type="hw watchpoint",disp="keep",enabled="y",what="rallies",times="0"}]}
 * -&gt; 31-break-watch -r rallies
 * &lt;- 31^done,hw-rwpt={number="4",exp="rallies"}
 * -&gt; 32-break-watch -a ball
 * &lt;- 32^done,hw-awpt={number="5",exp="ball"}
 * when gdb can only watch in software (a register-located local, can-use-hw-watchpoints 0), -break-list says
 * bkpt={number="6",type="watchpoint",...}
 * -&gt; 34-break-watch nosuch
 * &lt;- 34^error,msg="No symbol \"nosuch\" in current context."
 * </pre>
 */
public final class BreakWatch extends MICommand<MIBreakpoint> {
    /** Watchpoint kinds. */
    public enum Kind {
        WRITE, READ, ACCESS
    }

    public BreakWatch(Kind kind, String expression) {
        super("-break-watch");
        switch (kind) {
            case READ -> arg("-r");
            case ACCESS -> arg("-a");
            case WRITE -> {
            }
        }
        arg(MIParser.quote(expression));
    }

    @Override
    public MIBreakpoint result(MIRecord.Result done) {
        for (String name : new String[] { "hw-wpt", "wpt", "hw-rwpt", "hw-awpt" }) {
            MIValue.Tuple t = done.results().tuple(name);
            if (!t.fields().isEmpty()) {
                return new MIBreakpoint(t.integer("number", -1), name, true, null, null, 0, 0, null, null, List.of());
            }
        }
        return new MIBreakpoint(-1, "none", false, null, null, 0, 0, null, null, List.of());
    }
}
