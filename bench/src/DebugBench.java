import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.GdbCommand;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecNext;
import org.ruedo.debug.mi.commands.GdbSet;
import org.ruedo.debug.mi.commands.TargetSelectRemote;

/** Debug rows: QEMU start to the stop at main and the -exec-next round trip, Ruedo's MI layer against the shared raw gdb script. */
final class DebugBench extends BenchSupport {

    static void debugBenchmarks(Path hello) throws Exception {
        ProjectManifest m = ProjectManifest.load(hello);
        double[] ours = new double[runs];
        double[] oursStep = new double[runs];
        double[] raw = new double[runs];
        double[] rawStep = new double[runs];
        for (int i = 0; i < runs; i++) {
            double[] a = ruedoDebug(m);
            ours[i] = a[0];
            oursStep[i] = a[1];
            double[] b = rawDebug(m);
            raw[i] = b[0];
            rawStep[i] = b[1];
        }
        row("debug: QEMU start -> stopped at main, Ruedo MI layer", med(ours), "raw gdb -i=mi2 script, same commands", med(raw));
        row("debug: -exec-next round trip (to *stopped), Ruedo MI layer", med(oursStep), "raw gdb MI script", med(rawStep));
    }

    static final int STEPS = 5;

    static Process startFrozenQemu(ProjectManifest m, int port) throws IOException {
        List<String> argv = new QemuCommand().qemu(tools.find(Tool.QEMU).orElseThrow()).image(m.image()).cpus(1).memory(128)
                .frozen(true).gdbPort(port).build();
        return new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
    }

    /** [ms to stopped at main, ms per step] with Ruedo's MISession. */
    static double[] ruedoDebug(ProjectManifest m) throws Exception {
        int port = QemuCommand.freeLoopbackPort();
        long t0 = System.nanoTime();
        Process q = startFrozenQemu(m, port);
        Process g = new ProcessBuilder(GdbCommand.mi(tools.require(Tool.GDB), m.elf())).start();
        try (MISession s = new MISession(g.getInputStream(), g.getOutputStream())) {
            java.util.concurrent.LinkedBlockingQueue<String> stops = new java.util.concurrent.LinkedBlockingQueue<>();
            s.addListener(new MISession.Listener() {
                @Override
                public void async(MIRecord.Async a) {
                    if (a.asyncClass().equals("stopped") && a.results().str("reason") != null) {
                        stops.add(a.results().str("reason"));
                    }
                }
            });
            s.execute(new GdbSet("mi-async", "on"));
            waitForPort(port);
            s.execute(new TargetSelectRemote("127.0.0.1", port), 20000);
            s.execute(new BreakInsert("main", true, false, null));
            s.execute(new ExecContinue());
            expectStop(stops.poll(30, TimeUnit.SECONDS), "breakpoint-hit");
            double start = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            for (int i = 0; i < STEPS; i++) {
                s.execute(new ExecNext(1));
                expectStop(stops.poll(30, TimeUnit.SECONDS), "end-stepping-range");
            }
            double step = (System.nanoTime() - t1) / 1e6 / STEPS;
            return new double[] { start, step };
        } finally {
            g.destroyForcibly();
            q.destroyForcibly();
            g.waitFor();
            q.waitFor();
        }
    }

    static void expectStop(String reason, String expected) {
        if (!expected.equals(reason)) {
            throw new IllegalStateException("gdb stopped with reason " + reason + ", expected " + expected);
        }
    }

    /** The same with gdb driven by writing MI lines and reading its output, no Ruedo code (the shared raw baseline). */
    static double[] rawDebug(ProjectManifest m) throws Exception {
        int port = QemuCommand.freeLoopbackPort();
        List<String> argv = new QemuCommand().qemu(tools.find(Tool.QEMU).orElseThrow()).image(m.image()).cpus(1).memory(128)
                .frozen(true).gdbPort(port).build();
        return org.ruedo.tests.support.RawGdbBaseline.run(argv, port, tools.require(Tool.GDB), m.elf(), STEPS);
    }

    static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 500 && !QemuCommand.portInUse(port); i++) {
            Thread.sleep(2);
        }
    }
}
