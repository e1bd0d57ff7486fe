package org.ruedo.launch.qmp.commands;

/**
 * Every present mapping of a vCPU's page tables, one line per page (virtual: physical and flags).
 * Long for an identity map of 4 GiB in 2 MiB pages (2048 lines); the machine state view walks single
 * addresses with {@link MemoryRead} instead and offers this as the full listing.
 * <pre>
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "info tlb", "cpu-index": 0}, "id": 8}
 * &lt;- {"return": "0000000000001000: 0000000000001000 ---DA---W\r\n0000000000200000: 0000000000200000 --PDA---W\r\n...", "id": 8}
 * </pre>
 */
public final class InfoTlb extends HumanMonitorCommand {
    public InfoTlb(int cpuIndex) {
        super("info tlb", cpuIndex);
    }
}
