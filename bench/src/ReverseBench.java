import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.GdbCommand;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.qemu.Recording;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecNext;
import org.ruedo.debug.mi.commands.ExecReverseNext;
import org.ruedo.debug.mi.commands.GdbSet;
import org.ruedo.debug.mi.commands.TargetSelectRemote;

/**
 * Issue 15 rows (h8-reverse; a block of its own): the cost of recording (multicore at -smp 1, QEMU start
 * to exit, recorded against plain) and, on a recording of the lost-config test app, a reverse-next round
 * trip against a forward next from the same line.
 */
final class ReverseBench extends BenchSupport {

    static void reverseBenchmarks(Path multicore, Path work) throws Exception {
        ProjectManifest mc = ProjectManifest.load(multicore);
        new BuildEngine(tools).build(mc, BuildListener.NONE, new CancelToken());
        Path qemu = tools.require(Tool.QEMU);
        Path qemuImg = tools.require(Tool.QEMU_IMG);
        List<String> plain = new QemuCommand().qemu(qemu).image(mc.image()).cpus(1).memory(mc.memoryMiB()).build();
        Path recDir = work.resolve("multicore.replay");
        double[] rec = pair(() -> {
            Recording r = Recording.create(recDir, mc.image(), 1, mc.memoryMiB(), List.of(), qemuImg);
            return time(() -> toExit(r.recordArgv(plain)));
        }, () -> time(() -> toExit(plain)));
        row("record: multicore -smp 1, QEMU start to exit, recorded (ruedo run --record)", rec[0],
                "the same QEMU command without recording", rec[1]);

        // the lost-config test app (tests/org.ruedo.reverse.tests/apps/lostconfig), on the repository's kernel
        Path app = work.resolve("lostconfig");
        java.nio.file.Files.createDirectories(app);
        java.nio.file.Files.copy(root.resolve("tests/org.ruedo.reverse.tests/apps/lostconfig/main.c"), app.resolve("main.c"));
        java.nio.file.Files.writeString(app.resolve("unikernel.toml"), "[project]\nname = \"lostconfig\"\nkernel = \""
                + root.resolve("kernel") + "\"\n[app]\nsources = [\"*.c\"]\ncflags = [\"-O0\"]\n[run]\nmemory = 64\n");
        ProjectManifest h = ProjectManifest.load(app);
        new BuildEngine(tools).build(h, BuildListener.NONE, new CancelToken());
        List<String> hArgv = new QemuCommand().qemu(qemu).image(h.image()).cpus(1).memory(h.memoryMiB()).build();
        Recording hr = Recording.create(work.resolve("lostconfig.replay"), h.image(), 1, h.memoryMiB(), List.of(), qemuImg);
        toExit(hr.recordArgv(hArgv));
        double[] back = new double[runs];
        double[] fwd = new double[runs];
        for (int i = 0; i < runs; i++) {
            double[] t = nextBothWays(h, hr, qemu);
            if (t == null) {
                facts.add("replay: -exec-next --reverse did not come back within 120 s in run " + (i + 1)
                        + " (QEMU 7.2 record/replay hang); reverse-next row not measured");
                return;
            }
            back[i] = t[0];
            fwd[i] = t[1];
        }
        row("replay: -exec-next --reverse round trip (lost-config app: one line back, no call)", med(back),
                "-exec-next forward on the same replay", med(fwd));
    }

    private static void toExit(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("QEMU did not exit: " + argv);
        }
    }

    /** [reverse-next ms, next ms] on the replay, in forget_config after two forward nexts. */
    private static double[] nextBothWays(ProjectManifest m, Recording r, Path qemu) throws Exception {
        int port = QemuCommand.freeLoopbackPort();
        List<String> argv = r.replayArgv(new QemuCommand().qemu(qemu).image(m.image()).cpus(1).memory(r.memoryMiB())
                .frozen(true).gdbPort(port).build());
        Process q = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        Process g = new ProcessBuilder(GdbCommand.mi(tools.require(Tool.GDB), m.elf())).start();
        try (MISession s = new MISession(g.getInputStream(), g.getOutputStream())) {
            LinkedBlockingQueue<String> stops = new LinkedBlockingQueue<>();
            s.addListener(new MISession.Listener() {
                @Override
                public void async(MIRecord.Async a) {
                    if (a.asyncClass().equals("stopped") && a.results().str("reason") != null) {
                        stops.add(a.results().str("reason"));
                    }
                }
            });
            s.execute(new GdbSet("mi-async", "on"));
            s.execute(new GdbSet("architecture", "i386:x86-64"));
            DebugBench.waitForPort(port);
            s.execute(new TargetSelectRemote("127.0.0.1", port), 20000);
            s.execute(new BreakInsert("forget_config", true, false, null));
            s.execute(new ExecContinue());
            DebugBench.expectStop(stops.poll(120, TimeUnit.SECONDS), "breakpoint-hit");
            // to "current_config = 0;": one line back is "config_generation++;", no call in it (QEMU 7.2's
            // reverse-continue, which gdb uses to step back over a call, can hang: see README)
            for (int i = 0; i < 2; i++) {
                s.execute(new ExecNext(1));
                DebugBench.expectStop(stops.poll(120, TimeUnit.SECONDS), "end-stepping-range");
            }
            long t0 = System.nanoTime();
            s.execute(new ExecReverseNext(1));
            String back = stops.poll(120, TimeUnit.SECONDS);
            if (back == null) {
                return null;        // QEMU's replay hung (see README); said as a fact, not a row
            }
            DebugBench.expectStop(back, "end-stepping-range");
            double backMs = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            s.execute(new ExecNext(1));
            DebugBench.expectStop(stops.poll(120, TimeUnit.SECONDS), "end-stepping-range");
            return new double[] { backMs, (System.nanoTime() - t1) / 1e6 };
        } finally {
            g.destroyForcibly();
            q.destroyForcibly();
            g.waitFor();
            q.waitFor();
        }
    }
}
