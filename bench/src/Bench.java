import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.GdbCommand;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecNext;
import org.ruedo.debug.mi.commands.GdbSet;
import org.ruedo.debug.mi.commands.TargetSelectRemote;

/**
 * Ruedo against the raw tools, each pair measured here in one process, median of N runs:
 * build (clean, no-op, one-file change), boot to main, debug start and MI step round trip, plus the
 * context-switch instruction count and image sizes. Prints ratios with their inputs; asserts nothing.
 */
public final class Bench {
    static Path root;
    static int runs;
    static Toolchain tools = Toolchain.fromPath();
    static final List<String[]> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        root = Path.of(args[0]);
        runs = Integer.parseInt(args[1]);
        String loadBefore = loadAverage();
        Path work = Files.createTempDirectory("ruedo-bench");
        try {
            Path multicore = copyProject("multicore", work.resolve("multicore"));
            Path hello = copyProject("hello", work.resolve("hello"));
            buildBenchmarks(multicore);
            bootBenchmark(hello, work);
            debugBenchmarks(hello);
            staticFacts(hello, multicore);
        } finally {
            deleteTree(work);
        }
        facts.add("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs; load average (1/5/15 min) " + loadBefore
                + " before, " + loadAverage() + " after");
        print();
    }

    // ---------------------------------------------------------------- build

    static void buildBenchmarks(Path proj) throws Exception {
        ProjectManifest m = ProjectManifest.load(proj);
        BuildEngine engine = new BuildEngine(tools, 2);
        // the commands of a clean build, as the engine runs them
        engine.clean(m);
        BuildResult first = engine.build(m, BuildListener.NONE, new CancelToken());
        if (!first.success()) {
            throw new IllegalStateException("bench build failed: " + first.problems());
        }
        List<List<String>> compiles = first.commands().stream().filter(c -> c.contains("-c") && !c.get(c.indexOf("-c") + 1).endsWith("ksyms.S")).toList();
        List<List<String>> rest = first.commands().stream().filter(c -> !compiles.contains(c)).toList();
        String ksyms = Files.readString(m.buildDir().resolve("obj/ksyms.S"));
        Path seq = proj.resolve("build-seq.sh");
        Path par = proj.resolve("build-par.sh");
        Files.writeString(seq, script(compiles, rest, false));
        Files.writeString(par, script(compiles, rest, true));

        Path mk = proj.resolve("Makefile.raw");
        Files.writeString(mk, makefile(compiles, rest, m.image()));
        saveForReading(seq, par, mk);
        Measure engineClean = () -> {
            engine.clean(m);
            return time(() -> engine.build(m, BuildListener.NONE, new CancelToken()));
        };
        Measure seqRaw = () -> {
            rawClean(engine, m, first.commands(), ksyms);
            return time(() -> sh(seq));
        };
        Measure parRaw = () -> {
            rawClean(engine, m, first.commands(), ksyms);
            return time(() -> sh(par));
        };
        Measure makeRaw = () -> {
            rawClean(engine, m, first.commands(), ksyms);
            return time(() -> run(List.of("make", "-s", "-j2", "-f", mk.toString())));
        };
        double[] clean = group(engineClean, seqRaw, parRaw, makeRaw);
        row("clean build of multicore (" + compiles.size() + " files + 2-pass link): engine, 2 jobs", clean[0],
                "sequential shell script of the engine's commands", clean[1]);
        row("clean build of multicore: engine, 2 jobs", clean[0], "same script, compiles in 2 parallel jobs (xargs -P2)", clean[2]);
        row("clean build of multicore: engine, 2 jobs", clean[0], "make -j2, generated Makefile of the same commands", clean[3]);

        // no-op: both trees up to date (make reads the .d files gcc wrote)
        engine.build(m, BuildListener.NONE, new CancelToken());
        run(List.of("make", "-s", "-f", mk.toString()));
        touchAll(m.buildDir());
        double[] noop = pair(() -> time(() -> engine.build(m, BuildListener.NONE, new CancelToken())),
                () -> time(() -> run(List.of("make", "-s", "-q", "-f", mk.toString()))));
        row("no-op build: engine (checks " + compiles.size() + " objects, runs no tool)", noop[0],
                "make -q on the same up-to-date tree", noop[1]);
        double tTrue = median(() -> time(() -> run(List.of("true"))));
        facts.add(String.format(Locale.ROOT, "no-op build: %.1f ms = %.1f process start-ups (/bin/true: %.1f ms)", noop[0], noop[0] / tTrue, tTrue));

        Path main = proj.resolve("main.c");
        List<String> compileMain = compiles.stream().filter(c -> c.contains(main.toString())).findFirst().orElseThrow();
        long[] bump = { System.currentTimeMillis() + 120_000 };   // later than the touched outputs
        Files.setLastModifiedTime(main, FileTime.fromMillis(bump[0]));
        BuildResult one = engine.build(m, BuildListener.NONE, new CancelToken());
        if (!one.compiled().equals(List.of(main))) {
            throw new IllegalStateException("one-file change rebuilt " + one.compiled());
        }
        List<List<String>> oneCmds = one.commands();
        double[] onePair = pair(() -> {
            Files.setLastModifiedTime(main, FileTime.fromMillis(bump[0] += 2000));
            return time(() -> engine.build(m, BuildListener.NONE, new CancelToken()));
        }, () -> time(() -> {
            run(compileMain);
            for (List<String> c : oneCmds) {
                if (!c.equals(compileMain)) {
                    run(c);
                }
            }
        }));
        row("one-file change (main.c): engine (" + one.compiled().size() + " compiled, " + (oneCmds.size() - 1) + " link steps)",
                onePair[0], "gcc on main.c + the same link steps, run directly", onePair[1]);
    }

    /** Empties the build dir and recreates what the raw scripts expect to exist: object dirs and the final ksyms.S. */
    static void rawClean(BuildEngine engine, ProjectManifest m, List<List<String>> cmds, String ksyms) throws Exception {
        engine.clean(m);
        mkdirsFor(cmds);
        Files.writeString(m.buildDir().resolve("obj/ksyms.S"), ksyms);
    }

    /** Sets every build output's time to now, so that make sees the tree exactly as the engine left it (up to date). */
    static void touchAll(Path buildDir) throws IOException {
        FileTime now = FileTime.fromMillis(System.currentTimeMillis() + 60_000);
        try (var s = Files.walk(buildDir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, now);
            }
        }
    }

    /** A Makefile with the engine's commands: one rule per object (plus gcc's .d files), one rule for the link sequence. */
    static String makefile(List<List<String>> compiles, List<List<String>> rest, Path image) {
        StringBuilder sb = new StringBuilder(".SUFFIXES:\n");
        List<String> objs = new ArrayList<>();
        for (List<String> c : compiles) {
            objs.add(c.get(c.indexOf("-o") + 1));
        }
        sb.append(image).append(": ").append(String.join(" ", objs)).append('\n');
        for (List<String> c : rest) {
            sb.append('\t').append(shell(c)).append(c.get(0).endsWith("nm") ? " > /dev/null" : "").append('\n');
        }
        for (int i = 0; i < compiles.size(); i++) {
            List<String> c = compiles.get(i);
            sb.append(objs.get(i)).append(": ").append(c.get(c.indexOf("-c") + 1)).append("\n\t").append(shell(c)).append('\n');
        }
        for (String o : objs) {
            sb.append("-include ").append(o.replaceAll("\\.o$", ".d")).append('\n');
        }
        return sb.toString();
    }

    /** Keeps the generated scripts next to the compiled bench (.ruedo-cli/bench/) for reading. */
    static void saveForReading(Path... files) throws IOException {
        Path out = root.resolve(".ruedo-cli/bench");
        if (Files.isDirectory(out)) {
            for (Path f : files) {
                Files.copy(f, out.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** One command as a POSIX shell line (every argument single-quoted when it needs quoting). */
    static String shell(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.matches("[A-Za-z0-9_./=:+,@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    static String script(List<List<String>> compiles, List<List<String>> rest, boolean parallel) {
        StringBuilder sb = new StringBuilder("#!/bin/sh\nset -e\n");
        if (parallel) {
            // one line = one command; -d '\\n' keeps xargs away from the quoting, sh -c parses each line
            sb.append("xargs -d '\\n' -n1 -P2 sh -c <<'EOF'\n");
            for (List<String> c : compiles) {
                sb.append(shell(c)).append('\n');
            }
            sb.append("EOF\n");
        } else {
            for (List<String> c : compiles) {
                sb.append(shell(c)).append('\n');
            }
        }
        // the link sequence: the engine regenerates ksyms.S between the passes; the script reuses its final copy
        for (List<String> c : rest) {
            if (c.get(0).endsWith("nm")) {
                sb.append(shell(c)).append(" > /dev/null\n");
            } else {
                sb.append(shell(c)).append('\n');
            }
        }
        return sb.toString();
    }

    static void mkdirsFor(List<List<String>> cmds) throws IOException {
        for (List<String> c : cmds) {
            int o = c.indexOf("-o");
            if (o > 0) {
                Files.createDirectories(Path.of(c.get(o + 1)).getParent());
            }
        }
    }

    // ---------------------------------------------------------------- boot

    static void bootBenchmark(Path hello, Path work) throws Exception {
        ProjectManifest m = ProjectManifest.load(hello);
        new BuildEngine(tools).build(m, BuildListener.NONE, new CancelToken());
        Path qemu = tools.require(Tool.QEMU);
        Path minimal = minimalKernel(work.resolve("minimal"));
        List<String> ruedoArgv = new QemuCommand().qemu(qemu).image(m.image()).cpus(1).memory(128).build();
        List<String> minArgv = new QemuCommand().qemu(qemu).image(minimal).cpus(1).memory(128).build();
        double[] boot = pair(() -> timeToOutput(ruedoArgv, "hello from Ruedo"), () -> timeToOutput(minArgv, "hi"));
        row("boot to app main (hello's first line) under TCG, -smp 1", boot[0], "minimal Multiboot kernel printing 'hi', same QEMU command",
                boot[1]);
        java.io.PrintStream devNull = new java.io.PrintStream(OutputStream.nullOutputStream());
        double[] whole = pair(() -> time(() -> {
            int code = org.ruedo.core.cli.Main.run(new String[] { "run", hello.toString() }, devNull, devNull);
            if (code != 0) {
                throw new IllegalStateException("ruedo run hello exited " + code);
            }
        }), () -> time(() -> {
            Process p = new ProcessBuilder(ruedoArgv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 3) {
                throw new IllegalStateException("QEMU status " + p.exitValue() + " for hello");
            }
        }));
        row("`ruedo run hello` (up-to-date check, boot, exit decoded), in-process", whole[0], "the same QEMU command alone, to its exit", whole[1]);
        Path crash = copyProject("crash", work.resolve("crash"));
        ProjectManifest c = ProjectManifest.load(crash);
        new BuildEngine(tools).build(c, BuildListener.NONE, new CancelToken());
        List<String> crashArgv = new QemuCommand().qemu(qemu).image(c.image()).cpus(1).memory(64).build();
        double tCrash = median(() -> timeToOutput(crashArgv, "END OF CRASH REPORT"));
        facts.add(String.format(Locale.ROOT, "examples/crash: QEMU start -> complete crash report: %.1f ms (goal: < 5000 ms under TCG)", tCrash));
    }

    /** A 40-line Multiboot kernel: prints "hi" on COM1 and exits through isa-debug-exit. */
    static Path minimalKernel(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("min.S"), """
                    .section .multiboot, "a"
                    .align 4
                mb: .long 0x1BADB002, 0x00010000, -(0x1BADB002 + 0x00010000)
                    .long mb, mb, end, end, start
                    .text
                    .code32
                    .globl start
                start:
                    mov $0x3f8, %dx
                    mov $'h', %al
                    out %al, %dx
                    mov $'i', %al
                    out %al, %dx
                    mov $'\\n', %al
                    out %al, %dx
                    mov $0xf4, %dx
                    mov $1, %al
                    out %al, %dx
                1:  hlt
                    jmp 1b
                end:
                """);
        Files.writeString(dir.resolve("min.ld"), "ENTRY(start)\nSECTIONS { . = 0x100000; .text : { *(.multiboot) *(.text) } }\n");
        run(List.of("gcc", "-m32", "-c", dir.resolve("min.S").toString(), "-o", dir.resolve("min.o").toString()));
        run(List.of("ld", "-m", "elf_i386", "-T", dir.resolve("min.ld").toString(), "-o", dir.resolve("min.elf").toString(),
                dir.resolve("min.o").toString()));
        run(List.of("objcopy", "-O", "binary", dir.resolve("min.elf").toString(), dir.resolve("min.img").toString()));
        return dir.resolve("min.img");
    }

    static double timeToOutput(List<String> argv, String marker) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.contains(marker)) {
                    double t = (System.nanoTime() - t0) / 1e6;
                    p.waitFor(10, TimeUnit.SECONDS);
                    return t;
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        throw new IllegalStateException("no '" + marker + "' from " + argv);
    }

    // ---------------------------------------------------------------- debug

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

    // ---------------------------------------------------------------- static facts

    static void staticFacts(Path hello, Path multicore) throws Exception {
        ProjectManifest h = ProjectManifest.load(hello);
        String dis = capture(List.of("objdump", "-d", "--no-show-raw-insn", h.elf().toString()));
        int n = 0;
        boolean in = false;
        for (String l : dis.split("\n")) {
            if (l.endsWith("<switch_context>:")) {
                in = true;
                continue;
            }
            if (in && l.isBlank()) {
                break;
            }
            if (in && l.contains(":\t")) {
                n++;
            }
        }
        facts.add("context switch routine (switch_context): " + n + " instructions");
        for (Path p : List.of(hello, multicore)) {
            ProjectManifest m = ProjectManifest.load(p);
            facts.add(String.format(Locale.ROOT, "%s: image %d bytes, ELF (with DWARF) %d bytes", m.name(), Files.size(m.image()),
                    Files.size(m.elf())));
        }
    }

    static final List<String> facts = new ArrayList<>();

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- helpers

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
