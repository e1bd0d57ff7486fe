import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ruedo.launch.machine.ElfSymbols;
import org.ruedo.launch.machine.LiveWatchSampler;
import org.ruedo.launch.machine.WatchExpression;
import org.ruedo.launch.qmp.QmpClient;

/**
 * The ping-pong's rally rate (rallies per second of guest uptime, as the guest measures it) without and
 * with live watch sampling `rallies` through QMP, alternating which goes first in each run; prints
 * Markdown rows of medians and their ratio. Both sides run the same `ruedo run ... -- -qmp unix:...`
 * command; only the sampler differs. Asserts nothing.
 */
public final class LiveWatchBench {
    private static final Pattern RESULT = Pattern.compile("(\\d+) rallies in (\\d+) us");

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path app = root.resolve("bench/livewatch/app");
        String load0 = Files.readString(Path.of("/proc/loadavg")).strip();
        run(root, app, 0);                           // build once, outside the measurement
        ElfSymbols syms = ElfSymbols.read(app.resolve("build/pingpong-long.elf"));
        double[] hzs = { 4, 20 };
        double[] off = new double[runs];
        double[][] on = new double[hzs.length][runs];
        for (int r = 0; r < runs; r++) {
            if (r % 2 == 0) {
                off[r] = run(root, app, 0, syms);
            }
            for (int h = 0; h < hzs.length; h++) {
                on[h][r] = run(root, app, hzs[h], syms);
            }
            if (r % 2 == 1) {
                off[r] = run(root, app, 0, syms);
            }
        }
        double base = median(off);
        System.out.println("runs: " + runs + "; load average before: " + load0 + ", after: " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println("without live watch, rallies/s per run: " + Arrays.toString(off));
        for (int h = 0; h < hzs.length; h++) {
            System.out.println("with live watch at " + hzs[h] + " Hz: " + Arrays.toString(on[h]));
        }
        System.out.println();
        System.out.println("| measurement | rallies/s | baseline | rallies/s | ratio |");
        System.out.println("|---|---:|---|---:|---:|");
        for (int h = 0; h < hzs.length; h++) {
            double m = median(on[h]);
            System.out.printf("| ping-pong (20000 rallies, 2 CPUs) with live watch of `rallies` at %.0f Hz | %.0f | same, no live watch | %.0f | %.2f |%n",
                    hzs[h], m, base, m / base);
        }
    }

    private static double run(Path root, Path app, double hz) throws Exception {
        return run(root, app, hz, null);
    }

    /** One `ruedo run` of the app; with hz > 0 a sampler reads `rallies` while it runs. Returns rallies/s. */
    private static double run(Path root, Path app, double hz, ElfSymbols syms) throws Exception {
        Path dir = Files.createTempDirectory("ruedo-bench-qmp-");
        Path sock = dir.resolve("qmp.sock");
        Process p = new ProcessBuilder(root.resolve("ruedo").toString(), "run", app.toString(), "--", "-qmp",
                "unix:" + sock + ",server=on,wait=off").redirectErrorStream(true).start();
        LiveWatchSampler sampler = null;
        QmpClient qmp = null;
        List<Long> seen = new ArrayList<>();
        try {
            if (hz > 0) {
                qmp = QmpClient.connect(sock, Duration.ofSeconds(120), p::isAlive);
                sampler = new LiveWatchSampler(qmp);
                LiveWatchSampler.Watched w = sampler.add(WatchExpression.resolve("rallies", syms));
                sampler.onSample(all -> {
                    if (w.error() == null) {
                        seen.add(w.value());
                    }
                });
                sampler.setRate(hz);
                sampler.start();
            }
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            Matcher m = RESULT.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no result in: " + out);
            }
            double rate = Long.parseLong(m.group(1)) / (Long.parseLong(m.group(2)) / 1e6);
            if (hz > 0) {
                System.err.printf("live watch %.0f Hz: %d samples, %d distinct values of rallies%n", hz, seen.size(),
                        seen.stream().distinct().count());
            }
            return rate;
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            if (qmp != null) {
                qmp.close();
            }
            p.destroy();
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
