package org.ruedo.launch.qmp.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ruedo.launch.qmp.QmpCommand;
import org.ruedo.launch.qmp.QmpException;

/**
 * An HMP command run through QMP; its printed output is the result. {@code cpu-index} makes that
 * vCPU the monitor's current CPU for this one command ({@code info registers}, {@code x}, {@code info
 * tlb} and {@code info lapic} read the current CPU). HMP reports most failures as text, not as an error:
 * callers that parse the text check for it.
 * <pre>
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "info registers", "cpu-index": 1}, "id": 4}
 * &lt;- {"return": "RAX=0000000000000000 RBX=...\r\n...", "id": 4}
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "info bogus"}, "id": 5}
 * &lt;- {"return": "info: unknown command: 'bogus'\r\n", "id": 5}
 * &lt;- {"error": {"class": "GenericError", "desc": "CPU '7' is not valid"}, "id": 6}
 * </pre>
 */
public class HumanMonitorCommand extends QmpCommand<String> {
    private final String commandLine;
    private final int cpuIndex;

    /** An HMP command on the monitor's default CPU. */
    public HumanMonitorCommand(String commandLine) {
        this(commandLine, -1);
    }

    /** An HMP command with vCPU {@code cpuIndex} as the current CPU (-1: QEMU's default, CPU 0). */
    public HumanMonitorCommand(String commandLine, int cpuIndex) {
        this.commandLine = commandLine;
        this.cpuIndex = cpuIndex;
    }

    @Override
    public String name() {
        return "human-monitor-command";
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("command-line", commandLine);
        if (cpuIndex >= 0) {
            a.put("cpu-index", (long) cpuIndex);
        }
        return a;
    }

    /** The printed output with {@code \r\n} turned into {@code \n}. */
    @Override
    public String result(Object value) throws QmpException {
        if (!(value instanceof String s)) {
            throw new QmpException("human-monitor-command: unexpected answer " + value);
        }
        return s.replace("\r\n", "\n");
    }

    /** The HMP command line. */
    public String commandLine() {
        return commandLine;
    }
}
