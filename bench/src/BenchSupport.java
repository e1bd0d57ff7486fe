import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ruedo.core.toolchain.Toolchain;

/** What every benchmark class shares: the run count, the tools, the result rows and facts, timing and process helpers. */
class BenchSupport {
    static Path root;
    static int runs;
    static Toolchain tools = Toolchain.fromPath();
    static final List<String[]> rows = new ArrayList<>();

    static final List<String> facts = new ArrayList<>();

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }


    interface Measure {
        double run() throws Exception;
    }

    interface Action {
        void run() throws Exception;
    }

    static double median(Measure m) throws Exception {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = m.run();
        }
        return med(v);
    }

    /** Medians of {@code a} and {@code b} over the runs, alternating which goes first (load drift hits both alike). */
    static double[] pair(Measure a, Measure b) throws Exception {
        double[] va = new double[runs];
        double[] vb = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                va[i] = a.run();
                vb[i] = b.run();
            } else {
                vb[i] = b.run();
                va[i] = a.run();
            }
        }
        return new double[] { med(va), med(vb) };
    }

    /** Medians of each measure over the runs; each run rotates which measure goes first. */
    static double[] group(Measure... ms) throws Exception {
        double[][] v = new double[ms.length][runs];
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < ms.length; k++) {
                int j = (i + k) % ms.length;
                v[j][i] = ms[j].run();
            }
        }
        double[] out = new double[ms.length];
        for (int j = 0; j < ms.length; j++) {
            out[j] = med(v[j]);
        }
        return out;
    }

    static double med(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double time(Action a) throws Exception {
        long t0 = System.nanoTime();
        a.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    static void row(String what, double ms, String against, double rawMs) {
        rows.add(new String[] { what, String.format(Locale.ROOT, "%.1f", ms), against, String.format(Locale.ROOT, "%.1f", rawMs),
                String.format(Locale.ROOT, "%.2f", ms / rawMs) });
    }

    static void print() {
        System.out.println("| measurement (Ruedo) | ms | raw tool baseline | ms | ratio |");
        System.out.println("|---|---:|---|---:|---:|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
        System.out.println();
        System.out.println("medians of " + runs + " runs; ratio = Ruedo / raw (1.00 = same time)");
        for (String f : facts) {
            System.out.println("- " + f);
        }
    }

    static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + cmd);
        }
    }

    static void sh(Path script) throws Exception {
        run(List.of("sh", script.toString()));
    }

    static String capture(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return s;
    }

    static Path copyProject(String example, Path to) throws IOException {
        Files.createDirectories(to);
        Path src = root.resolve("kernel/examples/" + example);
        try (var s = Files.list(src)) {
            for (Path f : s.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
        Path toml = to.resolve("unikernel.toml");
        Files.writeString(toml, Files.readString(toml).replace("\"../..\"", "\"" + root.resolve("kernel") + "\""));
        return to;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
