package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.manifest.ManifestEditor;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;

/** unikernel.toml: values, defaults, and a file:line error for every kind of bad input. */
class ManifestTest {
    @TempDir
    Path dir;

    private ProjectManifest load(String body) throws Exception {
        Files.writeString(dir.resolve("unikernel.toml"), body.replace("@K", Fixtures.kernel().toString()));
        return ProjectManifest.load(dir);
    }

    private ManifestException error(String body) {
        return assertThrows(ManifestException.class, () -> load(body));
    }

    @Test
    void readsValuesAndDefaults() throws Exception {
        ProjectManifest m = load("""
                [project]
                name = "demo"   # comment
                kernel = "@K"
                [app]
                sources = ["*.c",
                           "lib/**/*.c"]   # spans lines
                [run]
                cpus = 4
                qemu-args = ["-cpu", "max"]
                """);
        assertEquals("demo", m.name());
        assertEquals(List.of("*.c", "lib/**/*.c"), m.sources());
        assertEquals(4, m.cpus());
        assertEquals(128, m.memoryMiB());
        assertEquals(List.of("-cpu", "max"), m.qemuArgs());
        assertEquals(dir.resolve("build/demo.img"), m.image());
        assertTrue(m.kernel().symbols());
        assertEquals(Fixtures.kernel().resolve("arch/x86_64/kernel.ld"), m.kernel().linkerScript());
    }

    @Test
    void unknownKeyNamesFileAndLine() {
        ManifestException e = error("[project]\nname = \"x\"\nkernel = \"@K\"\n[run]\ncpu = 2\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith("unikernel.toml:5: unknown key 'cpu'"), e.getMessage());
    }

    @Test
    void unknownSection() {
        ManifestException e = error("[project]\nname = \"x\"\nkernel = \"@K\"\n\n[runn]\ncpus = 2\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("unknown section [runn]"), e.getMessage());
    }

    @Test
    void outOfRange() {
        ManifestException e = error("[project]\nname = \"x\"\nkernel = \"@K\"\n[run]\ncpus = 64\n");
        assertEquals("unikernel.toml:5: 'cpus' = 64 is out of range 1..8", e.getMessage());
    }

    @Test
    void wrongType() {
        ManifestException e = error("[project]\nname = \"x\"\nkernel = \"@K\"\n[run]\nmemory = \"lots\"\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("'memory' must be an integer"), e.getMessage());
    }

    @Test
    void missingName() {
        ManifestException e = error("[project]\nkernel = \"@K\"\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("missing required key 'name'"), e.getMessage());
    }

    @Test
    void badNameCharacters() {
        ManifestException e = error("[project]\nname = \"my app\"\nkernel = \"@K\"\n");
        assertEquals(2, e.line());
    }

    @Test
    void unterminatedStringAndGarbage() {
        assertEquals(2, error("[project]\nname = \"x\nkernel = \"@K\"\n").line());
        assertEquals(3, error("[project]\nname = \"x\"\nthis is not toml\n").line());
        assertEquals(3, error("[project]\nname = \"x\"\nname = \"y\"\n").line());   // duplicate key
    }

    @Test
    void kernelDirectoryMustHoldKernelToml() {
        ManifestException e = error("[project]\nname = \"x\"\nkernel = \"nowhere\"\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("no kernel.toml"), e.getMessage());
    }

    @Test
    void missingManifestSaysSo() {
        ManifestException e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
        assertTrue(e.getMessage().contains("no unikernel.toml"), e.getMessage());
    }

    @Test
    void editorKeepsCommentsAndRoundTrips() throws Exception {
        String text = "# my project\n[project]\nname = \"a\"  # the name\nkernel = \"@K\"\n\n[run]\ncpus = 1\n";
        String edited = new ManifestEditor(text).setString("project", "name", "b").setInt("run", "cpus", 2)
                .setInt("run", "memory", 256).setStrings("app", "cflags", List.of("-O2")).text();
        assertTrue(edited.contains("# my project"));
        assertTrue(edited.contains("name = \"b\"  # the name"), edited);
        ProjectManifest m = load(edited);
        assertEquals("b", m.name());
        assertEquals(2, m.cpus());
        assertEquals(256, m.memoryMiB());
        assertEquals(List.of("-O2"), m.cflags());
    }

    @Test
    void missingProjectSectionStillNamesALine() {
        ManifestException e = error("[run]\ncpus = 2\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("unikernel.toml:1: missing required key 'name' in [project]"), e.getMessage());
    }

    @Test
    void kernelManifestErrorsNameKernelToml() throws Exception {
        Path k = TinyKernel.write(dir.resolve("k"), true);
        Files.writeString(k.resolve("kernel.toml"), Files.readString(k.resolve("kernel.toml")).replace("symbols = true", "symbols = 1"));
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"k\"\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
        assertEquals(k.resolve("kernel.toml"), e.file());
        assertEquals(7, e.line());
        assertTrue(e.getMessage().startsWith("kernel.toml:7: 'symbols' must be true or false"), e.getMessage());
    }

    @Test
    void editorSetsEveryTypeAndTheResultParses() throws Exception {
        String text = "[project]\nname = \"a\"   # keep me\nkernel = \"@K\"\n[app]\nsources = [\"a.c\",\n    \"b.c\"]  # two\n"
                + "cflags = []\n";
        String edited = new ManifestEditor(text).set("run", "cpus", 4).set("run", "qemu-args", List.of("-append", "say \"hi\"\\now\ttab"))
                .set("app", "sources", List.of("*.c")).set("project", "name", "b2").text();
        assertTrue(edited.contains("# keep me"), edited);
        assertTrue(edited.contains("cflags = []"), edited);
        Files.writeString(dir.resolve("unikernel.toml"), edited.replace("@K", Fixtures.kernel().toString()));
        ProjectManifest m = ProjectManifest.load(dir);
        assertEquals("b2", m.name());
        assertEquals(4, m.cpus());
        assertEquals(List.of("-append", "say \"hi\"\\now\ttab"), m.qemuArgs(), "escapes round-trip");
        assertEquals(List.of("*.c"), m.sources());
        assertTrue(edited.contains("sources = [\"*.c\"]  # two"), edited);
        assertTrue(!edited.contains("b.c"), "the old multi-line array is replaced whole: " + edited);
        assertThrows(IllegalArgumentException.class, () -> new ManifestEditor(text).set("run", "cpus", 2.5));
        String k = new ManifestEditor("[kernel]\nsymbols = false\n").setBoolean("kernel", "symbols", true).text();
        assertEquals("[kernel]\nsymbols = true\n", k);
    }

    @Test
    void editorFindsSectionHeadersWithComments() throws Exception {
        String text = "[project]   # who\nname = \"a\"\nkernel = \"@K\"\n\n[run]  # how it runs\ncpus = 1\n";
        String edited = new ManifestEditor(text).setInt("run", "cpus", 2).setInt("run", "memory", 64)
                .setString("project", "name", "b").text();
        assertEquals("[project]   # who\nname = \"b\"\nkernel = \"@K\"\n\n[run]  # how it runs\ncpus = 2\nmemory = 64\n", edited);
        ProjectManifest m = load(edited);
        assertEquals(2, m.cpus());
        assertEquals(64, m.memoryMiB());
    }

    @Test
    void byteOrderMarkAndWindowsLineEndingsAreAccepted() throws Exception {
        ProjectManifest m = load("\uFEFF[project]\r\nname = \"bom\"  # c\r\nkernel = \"@K\"\r\n[app]\r\nsources = [\"a.c\",\r\n  \"b.c\"]\r\n");
        assertEquals("bom", m.name());
        assertEquals(List.of("a.c", "b.c"), m.sources());
    }

    @Test
    void editorKeepsWindowsLineEndings() throws Exception {
        String text = "[project]\r\nname = \"a\"  # n\r\nkernel = \"@K\"\r\n";
        String edited = new ManifestEditor(text).setString("project", "name", "b").setInt("run", "cpus", 3).text();
        assertEquals("[project]\r\nname = \"b\"  # n\r\nkernel = \"@K\"\r\n\r\n[run]\r\ncpus = 3\r\n", edited);
        assertEquals(3, load(edited).cpus());
    }
}
