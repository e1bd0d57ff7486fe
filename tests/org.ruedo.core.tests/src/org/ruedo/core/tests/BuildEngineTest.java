package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.build.Problem;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;

/** The engine against the real kernel with real gcc/ld/objcopy/nm. */
class BuildEngineTest {
    @TempDir
    Path tmp;

    private static BuildResult build(Path dir) throws Exception {
        return new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
    }

    private static boolean ranCompiler(BuildResult r) {
        return r.commands().stream().anyMatch(c -> c.get(0).endsWith("gcc") && c.contains("-c"));
    }

    @Test
    void buildsElfWithDwarfAndBootableImage() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        BuildResult r = build(dir);
        assertTrue(r.success(), () -> r.problems().toString());
        assertTrue(r.linked());
        byte[] elf = Files.readAllBytes(r.elf());
        assertEquals(0x7f, elf[0]);
        assertEquals('E', elf[1]);
        assertEquals(2, elf[4], "ELF64");
        String sections = new String(new ProcessBuilder("objdump", "-h", r.elf().toString()).start().getInputStream().readAllBytes());
        assertTrue(sections.contains(".debug_info"), "DWARF present");
        assertTrue(sections.contains(".ksyms"));
        // Multiboot magic 0x1BADB002 at the start of the flat image
        byte[] img = Files.readAllBytes(r.image());
        assertEquals(0x02, img[0] & 0xff);
        assertEquals(0xB0, img[1] & 0xff);
        assertEquals(0xAD, img[2] & 0xff);
        assertEquals(0x1B, img[3] & 0xff);
        // both kernel and app objects, compiled in this build
        assertTrue(r.compiled().contains(dir.resolve("main.c")));
        assertTrue(r.compiled().contains(Fixtures.kernel().resolve("kmain.c")));
    }

    @Test
    void noOpRebuildRunsNoTool() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        assertTrue(build(dir).success());
        BuildResult r = build(dir);
        assertTrue(r.success());
        assertEquals(List.of(), r.compiled());
        assertFalse(r.linked());
        assertEquals(List.of(), r.commands(), "a no-op build runs no compiler, linker or objcopy");
    }

    @Test
    void touchingOneSourceRecompilesOnlyItAndRelinks() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        assertTrue(build(dir).success());
        Fixtures.touch(dir.resolve("other.c"));
        BuildResult r = build(dir);
        assertEquals(List.of(dir.resolve("other.c")), r.compiled());
        assertTrue(r.linked());
    }

    @Test
    void touchingAHeaderRebuildsExactlyItsDependants() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        assertTrue(build(dir).success());
        Fixtures.touch(dir.resolve("app.h"));
        BuildResult r = build(dir);
        assertEquals(List.of(dir.resolve("main.c")), r.compiled(), "only main.c includes app.h");
        assertTrue(r.linked());
    }

    @Test
    void changedFlagsRecompile() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        assertTrue(build(dir).success());
        Path toml = dir.resolve("unikernel.toml");
        Files.writeString(toml, Files.readString(toml).replace("-Og", "-O2"));
        BuildResult r = build(dir);
        assertEquals(2, r.compiled().size(), "both app files get the new flags, the kernel does not");
    }

    @Test
    void compileErrorIsAProblemAtTheRightLine() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        Files.writeString(dir.resolve("main.c"), Fixtures.MAIN_BROKEN);
        BuildResult r = build(dir);
        assertFalse(r.success());
        assertFalse(r.linked());
        Problem e = r.errors().get(0);
        assertEquals(dir.resolve("main.c"), e.file());
        assertEquals(6, e.line());
        assertTrue(e.message().contains("expected ';'"), e.message());
        // fixed: builds again, and the failed file is retried
        Files.writeString(dir.resolve("main.c"), Fixtures.MAIN_OK);
        Fixtures.touch(dir.resolve("main.c"));
        BuildResult ok = build(dir);
        assertTrue(ok.success(), () -> ok.problems().toString());
        assertTrue(ok.compiled().contains(dir.resolve("main.c")));
    }

    @Test
    void linkErrorNamesTheSourceLine() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        Files.writeString(dir.resolve("other.c"), "void frobnicate(void);\nint twice(int x)\n{\n    frobnicate();\n    return 2 * x;\n}\n");
        BuildResult r = build(dir);
        assertFalse(r.success());
        Problem e = r.errors().get(0);
        assertTrue(e.message().contains("undefined reference to `frobnicate'"), e.toString());
        assertEquals(dir.resolve("other.c"), e.file());
        assertEquals(4, e.line());
    }

    @Test
    void cancelledBuildStopsAndSaysSo() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        CancelToken c = new CancelToken();
        c.cancel();
        BuildResult r = new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, c);
        assertTrue(r.cancelled());
        assertFalse(r.success());
        assertFalse(Files.exists(r.image()));
    }

    @Test
    void theSampleBuilds() throws Exception {
        // the repository's own sample, built into a copy so the checkout stays clean
        Path copy = tmp.resolve("hello");
        Files.createDirectories(copy);
        Files.copy(Fixtures.kernel().resolve("examples/hello/main.c"), copy.resolve("main.c"));
        Files.writeString(copy.resolve("unikernel.toml"), Files.readString(Fixtures.kernel().resolve("examples/hello/unikernel.toml"))
                .replace("\"../..\"", "\"" + Fixtures.kernel() + "\""));
        BuildResult r = build(copy);
        assertTrue(r.success(), () -> r.problems().toString());
        assertEquals(copy.resolve("build/hello.img"), r.image());
    }

    @Test
    void touchingAKernelHeaderRebuildsExactlyTheFilesIncludingIt() throws Exception {
        Path kernel = Fixtures.copyKernel(tmp.resolve("kernel"));
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        Path toml = dir.resolve("unikernel.toml");
        Files.writeString(toml, Files.readString(toml).replace(Fixtures.kernel().toString(), kernel.toString()));
        ProjectManifest m = ProjectManifest.load(dir);
        BuildResult first = build(dir);
        assertTrue(first.success(), () -> first.problems().toString());
        List<Path> includeDirs = m.kernel().include().stream().map(i -> kernel.resolve(i).normalize()).toList();
        Path header = kernel.resolve("include/mm.h");
        // the oracle: which sources reach mm.h through their #include lines (not the engine's .d files)
        List<Path> expected = first.compiled().stream()
                .filter(src -> IncludeScanner.reaches(src, header, includeDirs))
                .sorted().toList();
        assertFalse(expected.isEmpty(), "some kernel file includes mm.h");
        assertTrue(expected.size() < first.compiled().size(), "and some do not");

        Fixtures.edited(header, kernel, dir);
        BuildResult r = build(dir);
        assertTrue(r.success(), () -> r.problems().toString());
        assertEquals(expected, r.compiled().stream().sorted().toList());
        assertTrue(r.linked());
        assertEquals(List.of(), build(dir).commands(), "and then nothing is left to do");
    }
}
