package org.ruedo.debug.mi;

import java.util.ArrayList;
import java.util.List;

/**
 * One GDB/MI command: {@code [token]-operation [options] [--] [parameters]}. Subclasses (one per MI
 * command, in {@code org.ruedo.debug.mi.commands}) show their wire exchange in their Javadoc and turn
 * the {@code ^done} results into a typed value.
 *
 * @param <R> the typed result
 */
public abstract class MICommand<R> {
    private final String operation;
    private final List<String> args = new ArrayList<>();

    protected MICommand(String operation, String... args) {
        this.operation = operation;
        this.args.addAll(List.of(args));
    }

    /** Adds arguments (already quoted where needed). */
    protected MICommand<R> arg(String... a) {
        args.addAll(List.of(a));
        return this;
    }

    /** The operation, e.g. {@code -exec-next}. */
    public String operation() {
        return operation;
    }

    /** The line sent to gdb. */
    public String wire(int token) {
        StringBuilder sb = new StringBuilder().append(token).append(operation);
        for (String a : args) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    /** Extracts the typed result from a successful answer. */
    public abstract R result(MIRecord.Result done);

    /** Quotes an argument when it contains spaces, quotes or backslashes. */
    protected static String q(String s) {
        return s.matches("[A-Za-z0-9_./:*+$=-]+") ? s : MIParser.quote(s);
    }

    @Override
    public String toString() {
        return wire(0).substring(1);
    }
}
