package org.ruedo.tests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.ruedo.core.qemu.QemuCommand;

/**
 * The one raw-gdb baseline of the benchmarks (bench/src's MI rows and the fault tests' DebugLaunchBench): a
 * QEMU started frozen with its gdbstub on a loopback port, and {@code gdb -i=mi2} fed these MI lines by hand,
 * no Ruedo code on the gdb side:
 * <pre>
 * 1-gdb-set mi-async on                    -> 1^...
 * 2-target-select remote 127.0.0.1:PORT    -> 2^connected
 * 3-break-insert -t main                   -> 3^done
 * 4-exec-continue                          -> *stopped,reason="breakpoint-hit"
 * N-exec-next --thread 1   (steps times)   -> *stopped,reason="end-stepping-range"
 * </pre>
 * Plain Java (the benchmarks run it outside OSGi too).
 */
public final class RawGdbBaseline {
    private RawGdbBaseline() {
    }

    /**
     * Runs the script once and returns {ms from QEMU start to the stop at {@code main}, ms per
     * {@code -exec-next} round trip}.
     *
     * @param qemuArgv a QEMU command started frozen ({@code -S}) with its gdbstub on 127.0.0.1:{@code port}
     */
    public static double[] run(List<String> qemuArgv, int port, Path gdb, Path elf, int steps) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process q = new ProcessBuilder(qemuArgv).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        Process g = new ProcessBuilder(List.of(gdb.toString(), "-q", "-nx", "-i=mi2", elf.toString())).redirectErrorStream(true).start();
        try {
            OutputStream in = g.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(g.getInputStream(), StandardCharsets.UTF_8));
            say(in, "1-gdb-set mi-async on");
            until(out, "1^");
            waitForListener(port, q);
            say(in, "2-target-select remote 127.0.0.1:" + port);
            until(out, "2^connected");
            say(in, "3-break-insert -t main");
            until(out, "3^done");
            say(in, "4-exec-continue");
            until(out, "*stopped,reason=\"breakpoint-hit\"");
            double start = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                say(in, (10 + i) + "-exec-next --thread 1");
                until(out, "*stopped,reason=\"end-stepping-range\"");
            }
            double step = (System.nanoTime() - t1) / 1e6 / steps;
            return new double[] { start, step };
        } finally {
            g.destroyForcibly();
            q.destroyForcibly();
            g.waitFor();
            q.waitFor();
        }
    }

    /** Waits until QEMU listens on the port (it binds it while starting), or fails if QEMU ended first. */
    private static void waitForListener(int port, Process qemu) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!QemuCommand.portInUse(port)) {
            if (!qemu.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("QEMU did not listen on 127.0.0.1:" + port + (qemu.isAlive() ? " within 30 s" : ": it exited"));
            }
            Thread.sleep(1);
        }
    }

    private static void say(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static void until(BufferedReader out, String prefix) throws IOException {
        for (String l; (l = out.readLine()) != null;) {
            if (l.startsWith(prefix)) {
                return;
            }
        }
        throw new IOException("gdb ended before " + prefix);
    }
}
