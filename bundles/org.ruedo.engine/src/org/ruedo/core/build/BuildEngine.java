package org.ruedo.core.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.ruedo.core.manifest.KernelManifest;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.manifest.SourceGlobs;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/**
 * Compiles a unikernel project's kernel and app sources and links them into one bootable image,
 * with exactly the commands of docs/CONTRACTS.md §2-3. Plain Java: the Eclipse builder and the
 * {@code ruedo} CLI both call it.
 *
 * <p>Incremental: an object is rebuilt only when it is missing, its command line changed (kept in
 * {@code <obj>.cmd}) or its source or any header listed in its gcc {@code -MMD} file changed: is newer
 * than the object, or has a size or SHA-256 other than the one recorded in {@code <obj>.sum} when the
 * object was compiled (so a changed file with an older mtime, as {@code cp -p} or a checkout leave it,
 * rebuilds too; see {@link InputDigests}). The ELF is relinked only when an object was compiled, or an
 * object or the linker script changed in the same sense ({@code obj/link.sum}), or the link command
 * changed. A build with nothing to do runs no tool at all.
 *
 * <p>The output of every successful compile and link is kept next to its product ({@code <obj>.log},
 * {@code obj/link.log}); for products that are up to date the engine re-reads it, so a build's
 * {@link BuildResult#problems()} always lists the warnings of the whole project, not only of the files
 * it happened to recompile (the Eclipse builder replaces its markers with that list).
 */
public final class BuildEngine {
    /** Flags every C file gets (freestanding, ring 0, debuggable, dependency files). */
    public static final List<String> C_FLAGS = List.of("-m64", "-std=gnu11", "-ffreestanding", "-fno-builtin",
            "-fno-stack-protector", "-fstack-clash-protection", "-fno-pic", "-fno-pie", "-mno-red-zone", "-mgeneral-regs-only", "-mcmodel=small",
            "-fno-omit-frame-pointer", "-fno-asynchronous-unwind-tables", "-g", "-Wall", "-MMD", "-MP");
    /** Flags every assembler (.S) file gets. */
    public static final List<String> S_FLAGS = List.of("-m64", "-g", "-D__ASSEMBLY__", "-MMD", "-MP");
    /** Linker flags before the script. */
    public static final List<String> LD_FLAGS = List.of("-m", "elf_x86_64", "-nostdlib", "-static", "-n", "-z",
            "max-page-size=0x1000", "--build-id=none", "-z", "noexecstack", "--no-warn-rwx-segments");

    private final Toolchain tools;
    private final int jobs;

    /** An engine compiling with {@code jobs} parallel compilers (at least 1). */
    public BuildEngine(Toolchain tools, int jobs) {
        this.tools = tools;
        this.jobs = Math.max(1, jobs);
    }

    /** An engine with one compiler per available processor. */
    public BuildEngine(Toolchain tools) {
        this(tools, Runtime.getRuntime().availableProcessors());
    }

    /** One compilation unit. */
    record Unit(Path source, Path object, List<String> command) {
    }

    /** Deletes build/ (after any build of the project running elsewhere has finished). */
    public void clean(ProjectManifest m) throws IOException {
        clean(m.dir());
    }

    /** Deletes {@code projectDir}/build/; needs no manifest (so a project with a broken one can be cleaned). */
    public static void clean(Path projectDir) throws IOException {
        Path build = projectDir.resolve("build");
        if (!Files.isDirectory(build)) {
            return;
        }
        try (BuildLock lock = BuildLock.acquire(build, BuildListener.NONE, new CancelToken())) {
            deleteTree(build);
        }
    }

    /**
     * Builds the project; never throws for compile errors (they are in the result's problems). Builds
     * of the same project directory, from this JVM or another process, run one after the other.
     */
    public BuildResult build(ProjectManifest m, BuildListener listener, CancelToken cancel)
            throws ToolchainException, IOException {
        for (Tool t : m.kernel().symbols() ? List.of(Tool.GCC, Tool.AS, Tool.LD, Tool.OBJCOPY, Tool.NM)
                : List.of(Tool.GCC, Tool.AS, Tool.LD, Tool.OBJCOPY)) {
            tools.require(t);       // a missing tool is reported before anything is created or waited for
        }
        // globs that select no file are errors at the manifest's sources line, reported before anything is created
        KernelManifest k = m.kernel();
        List<Path> kernelSources = SourceGlobs.collect(k.dir(), k.sources(), m.dir());
        List<Path> appSources = SourceGlobs.collect(m.dir(), m.sources(), ProjectManifest.appExclude(m.dir(), k.dir()));
        List<Problem> none = new ArrayList<>();
        if (kernelSources.isEmpty()) {
            none.add(new Problem(k.file(), k.sourcesLine(), 0, Problem.Severity.ERROR,
                    SourceGlobs.noMatchMessage("kernel", k.sources(), k.dir())));
        }
        if (appSources.isEmpty()) {
            none.add(new Problem(m.file(), m.sourcesLine(), 0, Problem.Severity.ERROR,
                    SourceGlobs.noMatchMessage("app", m.sources(), m.dir())));
        }
        if (!none.isEmpty()) {
            for (Problem pr : none) {
                listener.line(pr.file() + ":" + pr.line() + ": " + pr.message(), BuildListener.Kind.ERROR);
            }
            return failed(m, none, List.of(), List.of(), listener);
        }
        try (BuildLock lock = BuildLock.acquire(m.buildDir(), listener, cancel)) {
            if (lock == null) {
                return new BuildResult(false, true, List.of(), List.of(), false, m.elf(), m.image(), null, List.of());
            }
            return buildLocked(m, kernelSources, appSources, listener, cancel);
        }
    }

    private BuildResult buildLocked(ProjectManifest m, List<Path> kernelSources, List<Path> appSources,
            BuildListener listener, CancelToken cancel) throws ToolchainException, IOException {
        Path gcc = tools.require(Tool.GCC);
        tools.require(Tool.AS);     // gcc runs it for every object
        Path ld = tools.require(Tool.LD);
        Path objcopy = tools.require(Tool.OBJCOPY);
        Path nm = m.kernel().symbols() ? tools.require(Tool.NM) : null;
        KernelManifest k = m.kernel();
        Path build = m.buildDir();
        Files.createDirectories(build.resolve("obj"));

        List<String> kernelIncludes = k.include().stream().map(i -> "-I" + k.dir().resolve(i).normalize()).toList();
        List<String> appIncludes = m.include().stream().map(i -> "-I" + m.dir().resolve(i).normalize()).toList();

        List<Unit> units = new ArrayList<>();
        for (Path src : kernelSources) {
            units.add(unit(gcc, src, build.resolve("obj/kernel").resolve(k.dir().relativize(src) + ".o"),
                    kernelIncludes, List.of(), k.cflags()));
        }
        for (Path src : appSources) {
            units.add(unit(gcc, src, build.resolve("obj/app").resolve(m.dir().relativize(src) + ".o"),
                    kernelIncludes, appIncludes, m.cflags()));
        }
        List<Problem> problems = Collections.synchronizedList(new ArrayList<>());

        List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());
        List<Path> compiled = Collections.synchronizedList(new ArrayList<>());
        InputDigests digests = new InputDigests();      // this build's: each input hashed at most once
        Runner runner = new Runner(listener, cancel, commands, problems, m.dir());
        List<Unit> stale = new ArrayList<>();
        for (Unit u : units) {
            if (isStale(u, digests)) {
                stale.add(u);
            } else {
                runner.replay(logFile(u.object()));
            }
        }

        boolean compileOk = compileAll(stale, runner, listener, compiled, digests);
        List<Path> order = units.stream().map(Unit::source).toList();
        compiled.sort(java.util.Comparator.comparingInt(order::indexOf));     // manifest order, not finishing order
        if (cancel.isCancelled()) {
            return new BuildResult(false, true, distinct(problems), List.copyOf(compiled), false, m.elf(), m.image(), null,
                    List.copyOf(commands));
        }
        if (!compileOk) {
            return failed(m, problems, compiled, commands, listener);
        }

        // ---- link ----
        List<String> objects = units.stream().map(u -> u.object().toString()).toList();
        List<String> linkBase = new ArrayList<>();
        linkBase.add(ld.toString());
        linkBase.addAll(LD_FLAGS);
        linkBase.add("-T");
        linkBase.add(k.linkerScript().toString());
        Path elf = m.elf();
        Path linkCmdFile = build.resolve("obj/link.cmd");
        List<String> finalLink = new ArrayList<>(linkBase);
        finalLink.add("-o");
        finalLink.add(elf.toString());
        finalLink.addAll(objects);
        Path ksymsObj = build.resolve("obj/ksyms.o");
        finalLink.add(ksymsObj.toString());     // an empty table when symbols = false
        Path linkLog = build.resolve("obj/link.log");
        Path linkSum = build.resolve("obj/link.sum");
        List<Path> linkInputs = new ArrayList<>();
        linkInputs.add(k.linkerScript());
        units.forEach(u -> linkInputs.add(u.object()));
        // the kept link command also records whether the ELF carries a symbol table (toggling it relinks)
        List<String> linkKey = new ArrayList<>(finalLink);
        linkKey.add("#symbols=" + k.symbols());
        boolean relink = !compiled.isEmpty() || !Files.exists(elf) || !commandMatches(linkCmdFile, linkKey)
                || digests.stale(linkSum, Files.getLastModifiedTime(elf), linkInputs);
        boolean linked = false;
        if (relink) {
            Files.deleteIfExists(linkCmdFile);
            Files.deleteIfExists(linkLog);
            Files.deleteIfExists(linkSum);
            Map<Path, InputDigests.Stamp> linkStamps = new LinkedHashMap<>();
            for (Path in : linkInputs) {
                linkStamps.put(in, digests.stamp(in));      // what this link reads
            }
            Path ksymsS = build.resolve("obj/ksyms.S");
            Files.writeString(ksymsS, KsymsWriter.source(List.of()));
            if (!runner.run(List.of(gcc.toString(), "-m64", "-c", ksymsS.toString(), "-o", ksymsObj.toString()))) {
                return failed(m, problems, compiled, commands, listener);
            }
            if (nm != null) {
                // pass 1: empty table; pass 2: the table of pass 1's text symbols (CONTRACTS.md §3)
                Path pass1 = build.resolve("obj/pass1.elf");
                List<String> l1 = new ArrayList<>(linkBase);
                l1.addAll(List.of("-o", pass1.toString()));
                l1.addAll(objects);
                l1.add(ksymsObj.toString());
                if (!runner.run(l1)) {
                    return failed(m, problems, compiled, commands, listener);
                }
                String syms = runner.capture(List.of(nm.toString(), "-n", "--defined-only", pass1.toString()));
                if (syms == null) {
                    return failed(m, problems, compiled, commands, listener);
                }
                Files.writeString(ksymsS, KsymsWriter.source(KsymsWriter.textSymbols(syms)));
                if (!runner.run(List.of(gcc.toString(), "-m64", "-c", ksymsS.toString(), "-o", ksymsObj.toString()))) {
                    return failed(m, problems, compiled, commands, listener);
                }
            }
            String linkOutput = runner.output(finalLink);
            if (linkOutput == null) {
                Files.deleteIfExists(elf);
                return failed(m, problems, compiled, commands, listener);
            }
            writeLog(linkLog, linkOutput);
            InputDigests.write(linkSum, linkStamps);
            Files.writeString(linkCmdFile, String.join("\0", linkKey));
            linked = true;
        } else {
            runner.replay(linkLog);
        }
        Path image = m.image();
        if (linked || !Files.exists(image) || newerThan(elf, image)) {
            if (!runner.run(List.of(objcopy.toString(), "-O", "binary", elf.toString(), image.toString()))) {
                return failed(m, problems, compiled, commands, listener);
            }
        }
        Path iso = buildIso(m, runner, listener, linked);
        listener.line((linked ? "linked " : "up to date: ") + elf.getFileName() + ", image " + image + " ("
                + Files.size(image) + " bytes)", BuildListener.Kind.INFO);
        return new BuildResult(true, false, distinct(problems), List.copyOf(compiled), linked, elf, image, iso,
                List.copyOf(commands));
    }

    private static BuildResult failed(ProjectManifest m, List<Problem> problems, List<Path> compiled,
            List<List<String>> commands, BuildListener listener) {
        BuildResult r = new BuildResult(false, false, distinct(problems), List.copyOf(compiled), false, m.elf(), m.image(),
                null, List.copyOf(commands));
        listener.line("build failed: " + r.errors().size() + " error(s)", BuildListener.Kind.ERROR);
        return r;
    }

    /** Problems without repeats (a header's warning is reported once per file including it). */
    private static List<Problem> distinct(List<Problem> problems) {
        synchronized (problems) {
            return List.copyOf(new java.util.LinkedHashSet<>(problems));
        }
    }

    private Path buildIso(ProjectManifest m, Runner runner, BuildListener listener, boolean linked) throws IOException {
        var grub = tools.find(Tool.GRUB_MKRESCUE);
        var xorriso = tools.find(Tool.XORRISO);
        if (grub.isEmpty() || xorriso.isEmpty()) {
            if (linked) {
                listener.line("no ISO: grub-mkrescue or xorriso not installed (optional: sudo apt-get install grub-pc-bin grub-common xorriso)",
                        BuildListener.Kind.INFO);
            }
            return null;
        }
        Path iso = m.iso();
        if (!linked && Files.exists(iso)) {
            return iso;
        }
        Path root = m.buildDir().resolve("iso");
        Files.createDirectories(root.resolve("boot/grub"));
        Files.copy(m.image(), root.resolve("boot/" + m.name() + ".img"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(root.resolve("boot/grub/grub.cfg"), "set timeout=0\nmenuentry \"" + m.name()
                + "\" {\n  multiboot /boot/" + m.name() + ".img\n  boot\n}\n");
        // optional output: a failing grub-mkrescue gives warnings, not a failed build
        return runner.optional(List.of(grub.get().toString(), "-o", iso.toString(), root.toString())) ? iso : null;
    }

    private boolean compileAll(List<Unit> stale, Runner runner, BuildListener listener, List<Path> compiled,
            InputDigests digests) throws IOException {
        if (stale.isEmpty()) {
            return true;
        }
        for (Unit u : stale) {
            Files.createDirectories(u.object().getParent());
            Files.deleteIfExists(cmdFile(u.object()));
            Files.deleteIfExists(sumFile(u.object()));
            Files.deleteIfExists(logFile(u.object()));
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, stale.size()), r -> {
            Thread t = new Thread(r, "ruedo-compile");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Unit u : stale) {
                futures.add(pool.submit(() -> {
                    if (runner.cancel.isCancelled()) {
                        return false;
                    }
                    // the source's content as the compiler reads it (an edit during the compile rebuilds next time)
                    InputDigests.Stamp source = digests.stamp(u.source());
                    String output = runner.output(u.command());
                    boolean ok = output != null;
                    if (ok) {
                        Map<Path, InputDigests.Stamp> inputs = new LinkedHashMap<>();
                        inputs.put(u.source(), source);
                        for (Path in : inputs(u)) {
                            if (!inputs.containsKey(in)) {
                                inputs.put(in, digests.stamp(in));
                            }
                        }
                        InputDigests.write(sumFile(u.object()), inputs);
                        writeLog(logFile(u.object()), output);
                        Files.writeString(cmdFile(u.object()), String.join("\0", u.command()));
                        compiled.add(u.source());
                    }
                    listener.progress("compile", done.incrementAndGet(), stale.size());
                    return ok;
                }));
            }
            boolean ok = true;
            for (Future<Boolean> f : futures) {
                try {
                    ok &= f.get();
                } catch (ExecutionException e) {
                    ok = false;
                    listener.line("compile failed: " + e.getCause(), BuildListener.Kind.ERROR);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    runner.cancel.cancel();
                    ok = false;
                }
            }
            return ok && !runner.cancel.isCancelled();
        } finally {
            pool.shutdownNow();
        }
    }

    private Unit unit(Path gcc, Path src, Path obj, List<String> kernelIncludes, List<String> appIncludes,
            List<String> extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(gcc.toString());
        boolean asm = src.toString().endsWith(".S") || src.toString().endsWith(".s");
        cmd.addAll(asm ? S_FLAGS : C_FLAGS);
        cmd.addAll(kernelIncludes);
        cmd.addAll(appIncludes);
        if (!asm) {
            cmd.addAll(extra);
        }
        cmd.addAll(List.of("-c", src.toString(), "-o", obj.toString()));
        return new Unit(src, obj, cmd);
    }

    private static Path cmdFile(Path obj) {
        return obj.resolveSibling(obj.getFileName() + ".cmd");
    }

    /** The content record of the inputs {@code obj} was compiled from ({@link InputDigests}). */
    private static Path sumFile(Path obj) {
        return obj.resolveSibling(obj.getFileName() + ".sum");
    }

    /** The kept output (warnings) of the compile that produced {@code obj}. */
    private static Path logFile(Path obj) {
        return obj.resolveSibling(obj.getFileName() + ".log");
    }

    private static void writeLog(Path log, String output) throws IOException {
        if (output.isBlank()) {
            Files.deleteIfExists(log);
        } else {
            Files.writeString(log, output);
        }
    }

    private static Path depFile(Path obj) {
        String n = obj.getFileName().toString();
        return obj.resolveSibling(n.substring(0, n.length() - 2) + ".d");
    }

    /** The source and every file of the object's {@code .d} (just the source when there is none). */
    private List<Path> inputs(Unit u) throws IOException {
        Path dep = depFile(u.object());
        List<Path> inputs = new ArrayList<>();
        inputs.add(u.source());
        if (Files.exists(dep)) {
            for (Path in : DependencyFile.parse(Files.readString(dep))) {     // absolute: sources and -I are
                if (!inputs.contains(in)) {
                    inputs.add(in);
                }
            }
        }
        return inputs;
    }

    private boolean isStale(Unit u, InputDigests digests) throws IOException {
        Path obj = u.object();
        if (!Files.exists(obj) || !commandMatches(cmdFile(obj), u.command())) {
            return true;
        }
        // every input recorded at the compile: gone, newer than the object, or other content (CONTRACTS.md §2)
        return digests.stale(sumFile(obj), Files.getLastModifiedTime(obj), List.of(u.source()));
    }

    private static boolean commandMatches(Path cmdFile, List<String> command) {
        try {
            return Files.exists(cmdFile) && Files.readString(cmdFile).equals(String.join("\0", command));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean newerThan(Path a, Path b) {
        try {
            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs tools one at a time per calling thread, records commands and diagnostics, honours cancel. */
    static final class Runner {
        final BuildListener listener;
        final CancelToken cancel;
        final List<List<String>> commands;
        final List<Problem> problems;
        final Path workDir;
        /** Keeps one tool's command and output together in the listener when compilers run in parallel. */
        private final Object printLock = new Object();

        Runner(BuildListener listener, CancelToken cancel, List<List<String>> commands, List<Problem> problems, Path workDir) {
            this.listener = listener;
            this.cancel = cancel;
            this.commands = commands;
            this.problems = problems;
            this.workDir = workDir;
        }

        /** Runs a command; its output is reported and parsed; true when it exited 0. */
        boolean run(List<String> cmd) throws IOException {
            return output(cmd) != null;
        }

        /** Runs a command, reports and parses its combined output; returns it when the tool exited 0, else null. */
        String output(List<String> cmd) throws IOException {
            return exec(cmd, true, false);
        }

        /** Runs a command whose failure does not fail the build: its problems are reported as warnings. */
        boolean optional(List<String> cmd) throws IOException {
            return exec(cmd, true, true) != null;
        }

        /** Runs a command and returns its stdout (not parsed for diagnostics; stderr discarded), or null on failure. */
        String capture(List<String> cmd) throws IOException {
            return exec(cmd, false, false);
        }

        /** Adds the problems of a kept tool output (an up-to-date product's warnings) without printing it. */
        void replay(Path log) throws IOException {
            if (Files.exists(log)) {
                problems.addAll(DiagnosticParser.parse(Files.readString(log), workDir));
            }
        }

        private String exec(List<String> cmd, boolean report, boolean optional) throws IOException {
            if (cancel.isCancelled()) {
                return null;
            }
            synchronized (printLock) {
                listener.line(String.join(" ", cmd), BuildListener.Kind.COMMAND);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
            if (report) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);     // never block on a full stderr pipe
            }
            pb.environment().put("LC_ALL", "C");
            commands.add(List.copyOf(cmd));
            Process p = pb.start();
            try {
                String out = readAll(p.getInputStream(), p);
                int rc = p.waitFor();
                if (report) {
                    List<Problem> found = new ArrayList<>();
                    synchronized (printLock) {
                        for (String line : out.split("\\R")) {
                            if (line.isEmpty()) {
                                continue;
                            }
                            Problem pr = DiagnosticParser.parseLine(line, workDir);
                            if (pr != null && optional && pr.severity() == Problem.Severity.ERROR) {
                                pr = new Problem(pr.file(), pr.line(), pr.column(), Problem.Severity.WARNING, pr.message());
                            }
                            if (pr != null) {
                                found.add(pr);
                            }
                            listener.line(line, pr != null && pr.severity() == Problem.Severity.ERROR
                                    ? BuildListener.Kind.ERROR : BuildListener.Kind.OUTPUT);
                        }
                    }
                    if (rc != 0 && !cancel.isCancelled() && found.stream().noneMatch(x -> x.severity() == Problem.Severity.ERROR)) {
                        found.add(new Problem(null, 0, 0, optional ? Problem.Severity.WARNING : Problem.Severity.ERROR,
                                Path.of(cmd.get(0)).getFileName() + " failed with exit status " + rc));
                    }
                    problems.addAll(found);
                }
                return rc == 0 && !cancel.isCancelled() ? out : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(p);
                return null;
            } finally {
                if (p.isAlive()) {
                    kill(p);
                }
            }
        }

        /** Kills a tool and everything it started (cc1, as). */
        private static void kill(Process p) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }

        private String readAll(InputStream in, Process p) throws IOException {
            // poll so that a cancel kills the tool instead of waiting for it
            java.io.ByteArrayOutputStream sb = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (true) {
                if (cancel.isCancelled()) {
                    kill(p);
                }
                int avail = in.available();
                if (avail > 0) {
                    int n = in.read(buf, 0, Math.min(avail, buf.length));
                    sb.write(buf, 0, Math.max(n, 0));
                    continue;
                }
                if (!p.isAlive()) {
                    byte[] rest;
                    try {
                        rest = in.readAllBytes();
                    } catch (UncheckedIOException e) {
                        rest = new byte[0];
                    }
                    sb.write(rest);
                    return sb.toString(StandardCharsets.UTF_8);
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                    throw new IOException("interrupted");
                }
            }
        }
    }
}
