package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.build.Problem;
import org.ruedo.core.cli.Main;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;

/**
 * What the manifests name on disk: an invalid glob and a missing include directory are errors at the
 * element's line (in unikernel.toml and in kernel.toml); globs that select no file are an engine error at
 * the sources line of the manifest they are in. In every case nothing is built.
 */
class ManifestFilesTest {
    @TempDir
    Path tmp;

    private static final String HEAD = "[project]\nname = \"files\"\nkernel = \"%s\"\n";     // lines 1-3

    private Path app(String appSection) throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "files");
        Files.writeString(dir.resolve("unikernel.toml"), HEAD.formatted(Fixtures.kernel()) + appSection);
        return dir;
    }

    private static ManifestException loadError(Path dir) {
        return assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
    }

    private static BuildResult build(Path dir) throws Exception {
        return new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
    }

    private static void nothingBuilt(Path dir) {
        assertFalse(Files.exists(dir.resolve("build")), "nothing built: no build/ at all in " + dir);
    }

    /** A tiny kernel whose kernel.toml [kernel] section is {@code kernelSection} (line 2 is "[kernel]"). */
    private Path tinyKernelWith(String kernelSection) throws Exception {
        Path k = TinyKernel.write(tmp.resolve("tinyk"), true);
        Files.writeString(k.resolve("kernel.toml"), "# tiny test kernel\n[kernel]\n" + kernelSection
                + "linker-script = \"tiny.ld\"\n");
        return k;
    }

    // ---- (a) invalid globs ----

    @Test
    void invalidAppGlobIsAnErrorAtItsElementsLine() throws Exception {
        Path dir = app("[app]\nsources = [\n    \"*.c\",\n    \"{main.c\",\n]\n");     // the bad element is on line 7
        ManifestException e = loadError(dir);
        assertEquals(dir.resolve("unikernel.toml"), e.file());
        assertEquals(7, e.line(), e.getMessage());
        assertEquals("unikernel.toml:7: invalid glob \"{main.c\" in 'sources': missing '}' at character 7", e.getMessage());
        nothingBuilt(dir);
    }

    @Test
    void invalidGlobOnTheKeysLine() throws Exception {
        Path dir = app("[app]\nsources = [\"*.c\", \"src/[ab.c\"]\n");
        ManifestException e = loadError(dir);
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("invalid glob \"src/[ab.c\" in 'sources': missing ']'"), e.getMessage());
    }

    @Test
    void invalidKernelGlobIsAnErrorInKernelTomlAtItsLine() throws Exception {
        Path k = tinyKernelWith("sources = [\n  \"*.S\",\n  \"{a,{b}}.c\",\n]\n");       // line 5
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        ManifestException e = loadError(dir);
        assertEquals(k.resolve("kernel.toml"), e.file());
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("kernel.toml:5: invalid glob \"{a,{b}}.c\" in 'sources': Cannot nest groups"),
                e.getMessage());
        nothingBuilt(dir);
    }

    @Test
    void cliReportsAnInvalidGlobAsAManifestError() throws Exception {
        Path dir = app("[app]\nsources = [\"{main.c\"]\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] { "build", dir.toString() }, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains("ruedo build: error: unikernel.toml:5: invalid glob \"{main.c\""), text);
        assertFalse(text.contains("PatternSyntaxException") || text.contains("\tat "), "no stack trace: " + text);
        nothingBuilt(dir);
    }

    // ---- (b) include directories ----

    @Test
    void missingAppIncludeDirIsAnErrorAtItsLine() throws Exception {
        Path dir = app("[app]\ninclude = [\n  \".\",\n  \"does/not/exist\",\n]\n");          // line 7
        ManifestException e = loadError(dir);
        assertEquals(7, e.line(), e.getMessage());
        assertEquals("unikernel.toml:7: 'include' directory \"does/not/exist\" not found: " + dir.resolve("does/not/exist"),
                e.getMessage());
        nothingBuilt(dir);
        // a file is not a directory either
        Files.writeString(dir.resolve("unikernel.toml"), HEAD.formatted(Fixtures.kernel()) + "[app]\ninclude = [\"app.h\"]\n");
        assertEquals(5, loadError(dir).line());
        // and an existing one is fine
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("unikernel.toml"), HEAD.formatted(Fixtures.kernel()) + "[app]\ninclude = [\"inc\", \".\"]\n");
        assertEquals(java.util.List.of("inc", "."), ProjectManifest.load(dir).include());
    }

    @Test
    void missingKernelIncludeDirIsAnErrorInKernelToml() throws Exception {
        Path k = tinyKernelWith("sources = [\"*.S\", \"*.c\"]\ninclude = [\"include\", \"no-such-dir\"]\n");     // line 4
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        ManifestException e = loadError(dir);
        assertEquals(k.resolve("kernel.toml"), e.file());
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("kernel.toml:4: 'include' directory \"no-such-dir\" not found: "), e.getMessage());
        nothingBuilt(dir);
    }

    // ---- (c) globs that select no file ----

    @Test
    void appSourcesMatchingNothingIsAnErrorAtTheSourcesLine() throws Exception {
        Path dir = app("[app]\ncflags = [\"-Og\"]\nsources = [\n  \"src/*.c\",\n  \"lib/**/*.c\",\n]\n");   // key on line 6
        BuildResult r = build(dir);
        assertFalse(r.success());
        assertEquals(1, r.errors().size(), r.problems().toString());
        Problem p = r.errors().get(0);
        assertEquals(dir.resolve("unikernel.toml"), p.file());
        assertEquals(6, p.line());
        assertEquals("no source file (.c, .S, .s) matches [app] sources [\"src/*.c\", \"lib/**/*.c\"] in " + dir, p.message());
        assertEquals(java.util.List.of(), r.commands(), "no compiler, no linker");
        nothingBuilt(dir);
    }

    @Test
    void defaultAppSourcesMatchingNothingPointAtTheAppSectionOrLineOne() throws Exception {
        Path dir = app("\n[app]\ncflags = [\"-Og\"]\n");      // [app] on line 5; no sources key: the default *.c, *.S
        for (String f : new String[] { "main.c", "other.c" }) {
            Files.delete(dir.resolve(f));
        }
        Problem p = build(dir).errors().get(0);
        assertEquals(5, p.line(), p.toString());
        assertTrue(p.message().contains("[\"*.c\", \"*.S\"]"), p.message());
        nothingBuilt(dir);
        Files.writeString(dir.resolve("unikernel.toml"), HEAD.formatted(Fixtures.kernel()));
        assertEquals(1, build(dir).errors().get(0).line(), "no [app] at all: line 1");
        nothingBuilt(dir);
    }

    @Test
    void kernelSourcesMatchingNothingIsAnErrorInKernelToml() throws Exception {
        Path k = tinyKernelWith("include = [\"include\"]\nsources = [\"boot/*.S\", \"core/*.c\"]\n");      // line 4
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        BuildResult r = build(dir);
        assertFalse(r.success());
        assertEquals(1, r.errors().size(), r.problems().toString());
        Problem p = r.errors().get(0);
        assertEquals(k.resolve("kernel.toml"), p.file());
        assertEquals(4, p.line());
        assertTrue(p.message().startsWith("no source file (.c, .S, .s) matches [kernel] sources [\"boot/*.S\", \"core/*.c\"] in " + k),
                p.message());
        nothingBuilt(dir);
    }

    @Test
    void cliNamesTheSourcesLineInsteadOfAnUndefinedMain() throws Exception {
        Path dir = app("[app]\nsources = [\"src/*.c\"]\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] { "build", dir.toString() }, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains(dir.resolve("unikernel.toml") + ":5: no source file (.c, .S, .s) matches [app] sources"), text);
        assertFalse(text.contains("undefined reference"), text);
        nothingBuilt(dir);
    }
}
