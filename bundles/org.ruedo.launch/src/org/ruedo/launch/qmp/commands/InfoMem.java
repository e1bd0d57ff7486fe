package org.ruedo.launch.qmp.commands;

/**
 * A vCPU's page tables as ranges of equal protection (virtual range, size, flags).
 * <pre>
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "info mem", "cpu-index": 0}, "id": 9}
 * &lt;- {"return": "0000000000001000-0000000000104000 0000000000103000 -rw\r\n0000000000105000-0000000100000000 00000000ffefb000 -rw\r\n...", "id": 9}
 * </pre>
 */
public final class InfoMem extends HumanMonitorCommand {
    public InfoMem(int cpuIndex) {
        super("info mem", cpuIndex);
    }
}
