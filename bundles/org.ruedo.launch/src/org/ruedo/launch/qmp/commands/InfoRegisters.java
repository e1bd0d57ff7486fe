package org.ruedo.launch.qmp.commands;

/**
 * One vCPU's registers as QEMU prints them (parsed by {@link org.ruedo.launch.machine.RegisterDump}).
 * Works while the guest runs (QEMU reads the vCPU's last synchronised state) and while gdb holds it.
 * <pre>
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "info registers", "cpu-index": 0}, "id": 7}
 * &lt;- {"return": "RAX=0000000000000001 RBX=... \r\nRIP=0000000000101234 RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=0\r\n
 *     ES =0010 0000000000000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\r\n ...
 *     GDT=     0000000000105000 00000037\r\nIDT=     0000000000106000 00000fff\r\n
 *     CR0=80010033 CR2=0000000000000000 CR3=0000000000102000 CR4=00000020\r\n ... EFER=0000000000000d00\r\n ...", "id": 7}
 * </pre>
 */
public final class InfoRegisters extends HumanMonitorCommand {
    public InfoRegisters(int cpuIndex) {
        super("info registers", cpuIndex);
    }
}
