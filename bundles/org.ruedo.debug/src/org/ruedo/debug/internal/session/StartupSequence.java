package org.ruedo.debug.internal.session;

import org.eclipse.core.runtime.ILog;
import org.ruedo.debug.internal.service.RunControlService;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.MIThread;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.FixMultiLocationBreakpointOutput;
import org.ruedo.debug.mi.commands.GdbSet;
import org.ruedo.debug.mi.commands.TargetSelectRemote;
import org.ruedo.debug.mi.commands.ThreadInfo;

/**
 * Connects gdb to QEMU's gdbstub, installs the platform's breakpoints, the fault hook's breakpoint and
 * optionally a temporary breakpoint at {@code main}, and lets the guest run.
 * <p>
 * The long-mode switch: QEMU starts frozen at the reset vector in real mode, while the kernel's code
 * runs in 64-bit long mode. gdb was started on the 64-bit ELF and is told {@code set architecture
 * i386:x86-64} before it connects, so it asks for and accepts the 64-bit register set from the first
 * packet (attaching with a 32-bit architecture and switching later is what produces "Remote 'g'
 * packet reply is too long"). The temporary breakpoint at {@code main} is a QEMU (TCG) breakpoint:
 * QEMU's gdbstub implements Z0 itself instead of patching guest memory, so it survives the boot
 * loader copying the image, and it is only reached once the CPU runs 64-bit code.
 * <p>
 * {@code trust-readonly-sections}: gdb reads code (read-only sections) from the ELF instead of the frozen
 * guest, whose memory is empty until the boot loader ran; the image is linked W^X, nothing writes code.
 * <p>
 * The first command is {@code -fix-multi-location-breakpoint-output}: gdb runs as {@code -i=mi2},
 * whose report of a breakpoint with several locations breaks the MI grammar.
 */
final class StartupSequence {
    /** What the launch asked for. */
    record Options(boolean stopAtMain, boolean stopAtFault) {
    }

    private StartupSequence() {
    }

    /**
     * Sources the kernel's gdb script ({@code kernel/debug/ruedo-gdb.py}, docs/CONTRACTS.md §8) so the gdb
     * console has {@code ruedo-threads}, as the command line {@code ruedo debug} prints does. A gdb
     * without Python, or a kernel without the script, only costs that command: a console warning.
     */
    private static void loadKernelScript(DebugSession s) throws MIException {
        java.nio.file.Path script = s.qemu().manifest().kernel().dir().resolve("debug/ruedo-gdb.py");
        if (!java.nio.file.Files.isRegularFile(script)) {
            return;
        }
        try {
            s.mi().execute(new org.ruedo.debug.mi.commands.InterpreterExecConsole("source " + script));
        } catch (MIException e) {
            if (s.mi().isClosed()) {
                throw e;
            }
            s.console("warning: ruedo-threads is not available: " + e.getMessage() + "\n");
        }
    }

    static void run(DebugSession s, Options o) throws MIException {
        MISession mi = s.mi();
        // multi-location breakpoints (inlined header functions) as locations=[..] inside bkpt={..}
        try {
            mi.execute(new FixMultiLocationBreakpointOutput());
        } catch (MIException e) {
            if (mi.isClosed()) {
                throw e;
            }
            // gdb older than 10: single-location breakpoints still work; say why others will not
            s.console("warning: " + e.getMessage() + " (gdb 10 or newer is needed for breakpoints with several locations)\n");
            ILog.of(StartupSequence.class).warn(e.getMessage());
        }
        mi.execute(new GdbSet("mi-async", "on"));
        mi.execute(new GdbSet("pagination", "off"));
        mi.execute(new GdbSet("confirm", "off"));
        mi.execute(new GdbSet("architecture", "i386:x86-64"));
        // code comes from the ELF, not the target: at connect time QEMU's memory is still empty, and gdb's
        // prologue analysis of zeros put a function breakpoint before the prologue (arguments unreadable,
        // a condition on them never true); it also saves gdbstub round trips when stepping
        mi.execute(new GdbSet("trust-readonly-sections", "on"));
        loadKernelScript(s);
        mi.execute(new TargetSelectRemote("127.0.0.1", s.qemu().gdbPort()), 20_000);
        for (MIThread t : mi.execute(new ThreadInfo())) {
            s.model().threadAdded(t.id(), false);
        }
        s.breakpoints().start();
        if (o.stopAtFault()) {
            String warning = s.faults().start();
            if (warning != null) {
                s.console(warning);
            }
        }
        if (o.stopAtMain()) {
            s.breakpoints().insertFunction("main", true);
        }
        s.model().started();
        s.runControl().setState(RunControlService.State.RUNNING);
        mi.execute(new ExecContinue());
    }
}
