import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;

/** Build rows: clean (against scripts and make -j2 of the engine's own commands), no-op (against make -q), one-file change. */
final class BuildBench extends BenchSupport {

    /**
     * The build rows of one project, labelled {@code label}; {@code scripts}: also against the sequential and
     * the xargs -P2 scripts (the small project only: on the generated ones make -j2 is the baseline). Returns
     * the generated Makefile (the CLI rows compare against its make -q).
     */
    static Path buildBenchmarks(Path proj, String label, boolean scripts) throws Exception {
        ProjectManifest m = ProjectManifest.load(proj);
        BuildEngine engine = new BuildEngine(tools, 2);
        // the commands of a clean build, as the engine runs them
        engine.clean(m);
        BuildResult first = engine.build(m, BuildListener.NONE, new CancelToken());
        if (!first.success()) {
            throw new IllegalStateException("bench build failed: " + first.problems());
        }
        List<List<String>> compiles = compiles(first);
        List<List<String>> rest = first.commands().stream().filter(c -> !compiles.contains(c)).toList();
        String ksyms = Files.readString(m.buildDir().resolve("obj/ksyms.S"));
        Path seq = proj.resolve("build-seq.sh");
        Path par = proj.resolve("build-par.sh");
        Files.writeString(seq, script(compiles, rest, false));
        Files.writeString(par, script(compiles, rest, true));

        Path mk = writeMakefile(proj, m, first);
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
        int files = compiles.size();
        String what = "clean build of " + label + " (" + files + " files + 2-pass link): engine, 2 jobs";
        if (scripts) {
            double[] clean = group(engineClean, seqRaw, parRaw, makeRaw);
            row(what, clean[0], "sequential shell script of the engine's commands", clean[1]);
            row(what, clean[0], "same script, compiles in 2 parallel jobs (xargs -P2)", clean[2]);
            row(what, clean[0], "make -j2, generated Makefile of the same commands", clean[3]);
            perFile(label, "clean", clean[0], clean[3], files);
        } else {
            double[] clean = group(engineClean, makeRaw);
            row(what, clean[0], "make -j2, generated Makefile of the same commands", clean[1]);
            perFile(label, "clean", clean[0], clean[1], files);
        }

        // no-op: both trees up to date (make reads the .d files gcc wrote)
        engine.build(m, BuildListener.NONE, new CancelToken());
        run(List.of("make", "-s", "-f", mk.toString()));
        touchAll(m.buildDir());
        double[] noop = pair(() -> time(() -> engine.build(m, BuildListener.NONE, new CancelToken())),
                () -> time(() -> run(List.of("make", "-s", "-q", "-f", mk.toString()))));
        row("no-op build of " + label + ", in-process: engine (checks " + files + " objects, runs no tool)", noop[0],
                "make -q on the same up-to-date tree", noop[1]);
        perFile(label, "no-op", noop[0], noop[1], files);
        double tTrue = median(() -> time(() -> run(List.of("true"))));
        facts.add(String.format(Locale.ROOT, "no-op build of %s: %.1f ms = %.1f process start-ups (/bin/true: %.1f ms)", label, noop[0],
                noop[0] / tTrue, tTrue));

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
        row("one-file change of " + label + " (main.c): engine (" + one.compiled().size() + " compiled, " + (oneCmds.size() - 1)
                + " link steps)", onePair[0], "gcc on main.c + the same link steps, run directly", onePair[1]);
        return mk;
    }

    /** A fact line: the cost per file of both sides (linear growth shows as the same per-file cost at every size). */
    static void perFile(String label, String what, double ms, double rawMs, int files) {
        facts.add(String.format(Locale.ROOT, "%s, %s: %.2f ms per file (raw %.2f ms per file, %d files)", label, what, ms / files,
                rawMs / files, files));
    }

    /** The engine's compile commands of a clean build (not the ksyms.S assembly of the link). */
    static List<List<String>> compiles(BuildResult clean) {
        return clean.commands().stream().filter(c -> c.contains("-c") && !c.get(c.indexOf("-c") + 1).endsWith("ksyms.S")).toList();
    }

    /** proj/Makefile.raw: the commands of the clean build {@code first}, as a Makefile for make -j2 and make -q. */
    static Path writeMakefile(Path proj, ProjectManifest m, BuildResult first) throws IOException {
        List<List<String>> compiles = compiles(first);
        List<List<String>> rest = first.commands().stream().filter(c -> !compiles.contains(c)).toList();
        Path mk = proj.resolve("Makefile.raw");
        Files.writeString(mk, makefile(compiles, rest, m.image()));
        return mk;
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
}
