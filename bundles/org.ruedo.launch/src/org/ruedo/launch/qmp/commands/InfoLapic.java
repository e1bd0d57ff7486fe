package org.ruedo.launch.qmp.commands;

/**
 * A vCPU's local APIC as QEMU models it (parsed by {@link org.ruedo.launch.machine.LapicState}).
 * <pre>
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "info lapic", "cpu-index": 1}, "id": 10}
 * &lt;- {"return": "dumping local APIC state for CPU 1 \r\n\r\nLVT0\t 0x00010700 active-hi edge  masked  ExtINT (vec 0)\r\n
 *     ...LVTT\t 0x000000ef active-hi edge  one-shot Fixed  (vec 239)\r\n
 *     Timer\t DCR=0x3 (divide by 16) initial_count = 0 current_count = 0\r\n
 *     SPIV\t 0x000001ff APIC enabled, focus=off, spurious vec 255\r\n ... ISR\t (none)\r\nIRR\t (none)\r\n...", "id": 10}
 * </pre>
 */
public final class InfoLapic extends HumanMonitorCommand {
    public InfoLapic(int cpuIndex) {
        super("info lapic", cpuIndex);
    }
}
