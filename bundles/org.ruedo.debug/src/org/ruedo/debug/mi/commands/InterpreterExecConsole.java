package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIParser;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -interpreter-exec}.
 *
 * <pre>
 * -&gt; 50-interpreter-exec console "info registers rip"
 * &lt;- ~"rip            0x101234            0x101234 &lt;main+4&gt;\n"
 * &lt;- 50^done
 * </pre>
 */
public final class InterpreterExecConsole extends MICommand<Void> {
    public InterpreterExecConsole(String cliCommand) {
        super("-interpreter-exec", "console", MIParser.quote(cliCommand));
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
