package org.ruedo.launch.qmp;

import java.util.Map;

/**
 * One QMP command: its name, its arguments and how its {@code return} value reads. Each command is a
 * class in {@code qmp.commands} with its wire exchange in the Javadoc, as the MI commands of
 * org.ruedo.debug are. {@link QmpClient#execute} adds the {@code id}:
 * <pre>
 * -&gt; {"execute": NAME, "arguments": ARGUMENTS, "id": N}
 * &lt;- {"return": VALUE, "id": N}                                   parsed by {@link #result}
 * &lt;- {"error": {"class": C, "desc": D}, "id": N}                  thrown as {@link QmpException}
 * </pre>
 *
 * @param <T> the parsed result
 */
public abstract class QmpCommand<T> {
    /** The command name (the {@code execute} member). */
    public abstract String name();

    /** The {@code arguments} member; empty for none (then it is left out). */
    public Map<String, Object> arguments() {
        return Map.of();
    }

    /**
     * The result from the {@code return} member (a Map, List, String, Long, Double, Boolean or null).
     *
     * @throws QmpException when the value does not read as this command's result
     */
    public abstract T result(Object value) throws QmpException;
}
