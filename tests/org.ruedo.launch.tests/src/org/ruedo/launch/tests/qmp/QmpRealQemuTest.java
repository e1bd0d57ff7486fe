package org.ruedo.launch.tests.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.internal.QemuProcess;
import org.ruedo.launch.machine.ControlRegister;
import org.ruedo.launch.machine.ElfSymbols;
import org.ruedo.launch.machine.KernelLayout;
import org.ruedo.launch.machine.LiveWatchSampler;
import org.ruedo.launch.machine.MachineReader;
import org.ruedo.launch.machine.PageWalk;
import org.ruedo.launch.machine.WatchExpression;
import org.ruedo.launch.qmp.QemuMonitors;
import org.ruedo.launch.qmp.QmpClient;
import org.ruedo.launch.qmp.commands.Cont;
import org.ruedo.launch.qmp.commands.HumanMonitorCommand;
import org.ruedo.launch.tests.RealQemuLaunchTest;
import org.ruedo.launch.tests.Workspace;

/** The QMP channel of a real Run-mode launch: machine state against QEMU's own text, live watch of a running guest. */
class QmpRealQemuTest extends RealQemuLaunchTest {
    private QemuProcess startSpin(int cpus) throws Exception {
        IProject p = Workspace.project("spin" + cpus, Workspace.appProject(tmp.resolve("spin"), "spin", org.ruedo.tests.support.KernelTestApps.SPINNERS));
        ILaunchConfigurationWorkingCopy wc = Workspace.config(p, "spin run");
        wc.setAttribute(LaunchConstants.ATTR_CPUS, cpus);
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        Workspace.waitFor(() -> launch.getProcesses().length > 0, 120, "QEMU to start");
        QemuProcess q = (QemuProcess) launch.getProcesses()[0];
        Workspace.waitFor(() -> q.serialText().contains("spinners ready on " + cpus + " CPUs") || q.isTerminated(), 120, "the spinners");
        assertFalse(q.isTerminated(), q.serialText() + q.errorText());
        return q;
    }

    private static long hexAfter(String text, String key) {
        Matcher m = Pattern.compile("\\b" + key + "=([0-9a-f]+)").matcher(text);
        assertTrue(m.find(), key + " in " + text);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    @Test
    void controlRegisterDecodeMatchesInfoRegistersOnTwoVcpus() throws Exception {
        controlRegisterDecodeMatchesInfoRegisters(2);
    }

    @Test
    void controlRegisterDecodeMatchesInfoRegistersOnFourVcpus() throws Exception {
        controlRegisterDecodeMatchesInfoRegisters(4);
    }

    private void controlRegisterDecodeMatchesInfoRegisters(int cpus) throws Exception {
        QemuProcess q = startSpin(cpus);
        QmpClient qmp = QemuMonitors.of(q);
        MachineReader reader = new MachineReader(qmp, ElfSymbols.read(Path.of(q.getAttribute(LaunchConstants.PROC_ELF))));
        assertEquals(cpus, reader.cpus().size());
        for (int cpu = 0; cpu < cpus; cpu++) {
            MachineReader.Snapshot s = reader.snapshot(cpu);
            String raw = qmp.execute(new HumanMonitorCommand("info registers", cpu));
            assertTrue(raw.contains("CPU#" + cpu), raw);
            for (ControlRegister r : List.of(ControlRegister.CR0, ControlRegister.CR4, ControlRegister.EFER)) {
                long v = hexAfter(raw, r.label());
                for (ControlRegister.Decoded d : r.decode(s.registers().get(r.label()))) {
                    if (d.field().width() == 1) {
                        assertEquals((v >>> d.field().bit() & 1) == 1, d.set(), r.label() + "." + d.field().name() + " on CPU " + cpu);
                    }
                }
            }
            String cr0 = ControlRegister.CR0.setFlags(s.registers().get("CR0"));
            assertTrue(cr0.startsWith("PE") && cr0.endsWith("PG"), "long mode needs protection and paging: " + cr0);
            assertTrue(ControlRegister.CR4.setFlags(s.registers().get("CR4")).contains("PAE"));
            assertEquals("LME LMA", ControlRegister.EFER.setFlags(s.registers().get("EFER")).replace(" NXE", "").replace("SCE ", ""));
            // gdt: the kernel's 64-bit ring-0 code segment at selector 8 (CS), a TSS at TR
            assertEquals("64-bit, readable", s.gdt().stream().filter(g -> g.selector() == s.registers().get("CS")).findFirst().orElseThrow().attrs()
                    .replace(", accessed", ""));
            assertEquals("TSS", s.gdt().stream().filter(g -> g.selector() == s.registers().get("TR")).findFirst().orElseThrow().kind());
            assertTrue(s.idt().get(14).present(), "#PF gate present");
            assertEquals("trap_stub_14", s.idt().get(14).symbol(), "the #PF handler's symbol: " + s.idt().get(14));
            assertTrue(s.lapic() != null && s.lapic().enabled(), s.lapicError());
        }
    }

    @Test
    void pageWalkSaysGuardPagesAreNotPresentAndKernelTextIsWhatTheKernelMapped() throws Exception {
        QemuProcess q = startSpin(2);
        QmpClient qmp = QemuMonitors.of(q);
        ElfSymbols syms = ElfSymbols.read(Path.of(q.getAttribute(LaunchConstants.PROC_ELF)));
        MachineReader reader = new MachineReader(qmp, syms);
        // CPU 0 creates every thread of the app, so their stacks come from its part of the arena; slot 0's guard
        PageWalk.Result guard = reader.walk(0, KernelLayout.firstGuardPage(0));
        assertFalse(guard.present(), guard.summary());
        assertEquals(4, guard.levels().size(), "the guard's page table exists (the stack above it is mapped); its PTE is clear");
        PageWalk.Result stack = reader.walk(0, KernelLayout.firstGuardPage(0) + KernelLayout.SLOT_SIZE / 2);
        assertTrue(stack.present() && stack.writable(), stack.summary());
        assertEquals(4096, stack.pageSize());
        long main = syms.find("main").orElseThrow().address();
        PageWalk.Result text = reader.walk(1, main);
        assertTrue(text.present(), text.summary());
        assertEquals(main, text.physical(), "identity map");
        // independent oracle: QEMU's own "info mem" ranges (-rw / -r-)
        String prot = org.ruedo.tests.support.QemuMonitorText.infoMemProtection(qmp.execute(new HumanMonitorCommand("info mem", 1)), main);
        assertTrue(prot != null, "info mem has main's page");
        assertEquals(prot.contains("w"), text.writable(), "info mem says " + prot + " for main: " + text.summary());
        assertTrue(text.summary().startsWith(String.format("0x%x: present, ", main)), text.summary());
    }

    @Test
    void monitorSocketIsPrivateAndGoesAwayWithQemu() throws Exception {
        QemuProcess q = startSpin(2);
        Path sock = Path.of(q.getAttribute(LaunchConstants.PROC_QMP_SOCKET));
        assertTrue(Files.exists(sock));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock.getParent())));
        assertTrue(q.getAttribute(IProcess.ATTR_CMDLINE).contains("-qmp unix:" + sock + ",server=on,wait=off"));
        assertFalse(q.getAttribute(IProcess.ATTR_CMDLINE).matches(".*-qmp tcp.*"));
        QemuMonitors.of(q);
        launch.terminate();
        Workspace.waitFor(() -> !Files.exists(sock.getParent()), 30, "the socket directory to be removed");
    }

    @Test
    void liveWatchSeesRalliesIncreaseWhileTheMulticorePingPongRuns() throws Exception {
        // the multicore example's 1000 rallies take a few ms on a quiet host, less than one 50 Hz sample period: this
        // app counts the same global on a second CPU for about a second, so the sampler must see it move while it runs
        Path dir = Workspace.appProject(tmp.resolve("slowrally"), "slowrally", """
                #include <ruedo.h>
                volatile int rallies;
                static void pong(void *arg)
                {
                    (void)arg;
                    for (int i = 0; i < 1000; i++) {
                        rallies++;
                        thread_sleep(1);
                    }
                }
                int main(void)
                {
                    thread_join(BeginThread(pong, 0, 1));
                    printk("%d rallies\\n", rallies);
                    return rallies == 1000 ? 0 : 1;
                }
                """);
        IProject p = Workspace.project("slowrally", dir);
        ILaunchConfigurationWorkingCopy wc = Workspace.config(p, "slow rally live");
        wc.setAttribute(LaunchConstants.ATTR_CPUS, 2);
        wc.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "-S");      // held until the sampler runs, then cont
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        Workspace.waitFor(() -> launch.getProcesses().length > 0, 120, "QEMU to start");
        QemuProcess q = (QemuProcess) launch.getProcesses()[0];
        QmpClient qmp = QemuMonitors.of(q);
        WatchExpression e = WatchExpression.resolve("rallies", ElfSymbols.read(Path.of(q.getAttribute(LaunchConstants.PROC_ELF))));
        assertEquals("i32", e.typeName());
        List<Long> seen = new ArrayList<>();
        try (LiveWatchSampler s = new LiveWatchSampler(qmp)) {
            LiveWatchSampler.Watched w = s.add(e);
            s.onSample(all -> {
                if (w.error() == null && !q.isTerminated()) {
                    synchronized (seen) {
                        seen.add(w.value());
                    }
                }
            });
            s.setRate(50);
            s.start();
            Workspace.waitFor(() -> w.samples() > 0, 30, "a first sample");
            qmp.execute(new Cont());
            Workspace.await(launch, 120);
            s.stop();
            assertTrue(q.serialText().contains("1000 rallies"), q.serialText());
            List<Long> during;
            synchronized (seen) {
                during = seen.stream().filter(v -> v > 0 && v < 1000).distinct().toList();
            }
            assertTrue(during.size() >= 2, "rallies seen strictly between 0 and 1000 while it ran: " + seen);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) >= seen.get(i - 1), "rallies never decreases: " + seen);
            }
            assertTrue(w.max() >= during.get(during.size() - 1) && w.changes() >= 2, "max " + w.max() + ", changes " + w.changes());
        }
    }
}
