package org.ruedo.core.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 *
 * <p>Its parts: {@link CompileUnit} (the compile commands), {@link ObjectRecords} (the files kept per
 * product and the staleness rule), {@link ParallelCompiler} (the job slots), {@link Linker} (the
 * two-pass link, image and ISO), {@link ToolRunner} (processes, diagnostics, cancel) and {@link BuildLock}.
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

    /** Deletes build/ (after any build of the project running elsewhere has finished). */
    public void clean(ProjectManifest m) throws IOException {
        clean(m.dir());
    }

    /**
     * Deletes {@code projectDir}/build/ whole, lock file included, while holding the lock; needs no manifest
     * (so a project with a broken one can be cleaned). A build that was waiting then holds a lock on the
     * deleted file, notices (BuildLock compares the file at the path) and locks the file there now. A
     * clean that goes on to build ({@link #build(ProjectManifest, BuildListener, CancelToken, boolean)})
     * empties build/ but keeps the lock file it goes on holding.
     */
    public static void clean(Path projectDir) throws IOException {
        Path build = projectDir.resolve("build");
        if (!Files.isDirectory(build)) {
            return;
        }
        try (BuildLock lock = BuildLock.acquire(build, BuildListener.NONE, new CancelToken())) {
            deleteTree(build);
        }
    }

    private static void emptyBuildDir(Path build) throws IOException {
        try (Stream<Path> s = Files.list(build)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals(BuildLock.FILE)) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Builds the project (see {@link #build(ProjectManifest, BuildListener, CancelToken, boolean)}), not clean. */
    public BuildResult build(ProjectManifest m, BuildListener listener, CancelToken cancel) throws ToolchainException, IOException {
        return build(m, listener, cancel, false);
    }

    /**
     * Builds the project; never throws for compile errors (they are in the result's problems). Builds
     * of the same project directory, from this JVM or another process, run one after the other; with
     * {@code clean}, build/ is emptied first under the same hold of the lock (no other build runs between
     * the clean and the build).
     */
    public BuildResult build(ProjectManifest m, BuildListener listener, CancelToken cancel, boolean clean)
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
            return failed(BuildResult.builder(m.elf(), m.image()).problems(none), listener);
        }
        try (BuildLock lock = BuildLock.acquire(m.buildDir(), listener, cancel)) {
            if (lock == null) {
                return BuildResult.builder(m.elf(), m.image()).cancelled(true).build();
            }
            if (clean) {
                emptyBuildDir(m.buildDir());
            }
            return buildLocked(m, kernelSources, appSources, listener, cancel);
        }
    }

    /** Compiles what is stale, then links if needed: with the project's lock held. */
    private BuildResult buildLocked(ProjectManifest m, List<Path> kernelSources, List<Path> appSources,
            BuildListener listener, CancelToken cancel) throws ToolchainException, IOException {
        Path gcc = tools.require(Tool.GCC);
        tools.require(Tool.AS);     // gcc runs it for every object
        Path ld = tools.require(Tool.LD);
        Path objcopy = tools.require(Tool.OBJCOPY);
        Path nm = m.kernel().symbols() ? tools.require(Tool.NM) : null;
        Files.createDirectories(m.buildDir().resolve("obj"));
        List<CompileUnit> units = CompileUnit.of(m, gcc, kernelSources, appSources);
        InputDigests digests = new InputDigests();      // this build's: each input hashed at most once
        BuildResult.Builder result = BuildResult.builder(m.elf(), m.image());
        try (ToolRunner runner = new ToolRunner(listener, cancel, m.dir())) {
            List<CompileUnit> stale = new ArrayList<>();
            for (CompileUnit u : units) {
                if (ObjectRecords.isStale(u, digests)) {
                    stale.add(u);
                } else {
                    runner.replay(ObjectRecords.logFile(u.object()));
                }
            }
            ParallelCompiler.Outcome compiled = new ParallelCompiler(jobs, runner, digests).compile(stale);
            result.compiled(compiled.compiled());
            if (cancel.isCancelled()) {
                return result.cancelled(true).problems(runner.problems()).commands(runner.commands()).build();
            }
            if (!compiled.ok()) {
                return failed(result.problems(runner.problems()).commands(runner.commands()), listener);
            }
            Linker linker = new Linker(m, runner, digests, gcc, ld, nm, units);
            boolean linked = linker.needed(!compiled.compiled().isEmpty());
            if (linked && !linker.link()) {
                return failed(result.problems(runner.problems()).commands(runner.commands()), listener);
            }
            if (!linked) {
                linker.replay();
            }
            if (!linker.image(linked, objcopy)) {
                return failed(result.problems(runner.problems()).commands(runner.commands()), listener);
            }
            Path iso = linker.iso(linked, tools.find(Tool.GRUB_MKRESCUE), tools.find(Tool.XORRISO));
            listener.line((linked ? "linked " : "up to date: ") + m.elf().getFileName() + ", image " + m.image() + " ("
                    + Files.size(m.image()) + " bytes)", BuildListener.Kind.INFO);
            List<Path> files = new ArrayList<>(digests.files());
            files.add(m.file());
            files.add(m.kernel().file());
            return result.success(true).linked(linked).iso(iso).problems(runner.problems()).commands(runner.commands()).files(files)
                    .build();
        }
    }

    private static BuildResult failed(BuildResult.Builder result, BuildListener listener) {
        BuildResult r = result.success(false).build();
        listener.line("build failed: " + r.errors().size() + " error(s)", BuildListener.Kind.ERROR);
        return r;
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
}
