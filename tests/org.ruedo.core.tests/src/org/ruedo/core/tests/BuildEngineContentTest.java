package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;

/**
 * Incremental by content as well as mtime (CONTRACTS.md §2): a file replaced by other content with an
 * older mtime ({@code cp -p}, tar, {@code rsync -a}, a checkout) still rebuilds what depends on it; a file
 * whose mtime changed but whose content did not costs at most one rebuild, and the build after is a no-op.
 */
class BuildEngineContentTest {
    private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path tmp;

    private static BuildResult build(Path dir) throws Exception {
        BuildResult r = new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE,
                new CancelToken());
        assertTrue(r.success(), () -> r.problems().toString());
        return r;
    }

    private static boolean ranCompiler(BuildResult r) {
        return r.commands().stream().anyMatch(c -> c.get(0).endsWith("gcc") && c.contains("-c"));
    }

    private static String disassembly(Path elf) throws Exception {
        Process p = new ProcessBuilder("objdump", "-d", elf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** The tiny kernel plus an app of main.c (helper() returning VALUE from app.h) and other.c. */
    private Path project(String value) throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return helper() + other();");
        Files.writeString(dir.resolve("app.h"), "#define VALUE " + value + "\n");
        Files.writeString(dir.resolve("main.c"), main("VALUE", true));
        Files.writeString(dir.resolve("other.c"), "int other(void)\n{\n    return 0x5a5a;\n}\n");
        return dir;
    }

    private static String main(String value, boolean header) {
        return "#include <tiny.h>\n" + (header ? "#include \"app.h\"\n" : "")
                + "int other(void);\n__attribute__((noinline)) int helper(void)\n{\n    return " + value
                + " * 0x1111;\n}\n\nint main(void)\n{\n    return helper() + other();\n}\n";
    }

    /** Replaces {@code f}'s content and dates it long before the last build, as {@code cp -p} of an old file does. */
    private static void replaceWithOlder(Path f, String content) throws Exception {
        Files.writeString(f, content);
        Files.setLastModifiedTime(f, OLD);
    }

    @Test
    void olderSourceWithOtherContentRebuildsExactlyItAndRelinks() throws Exception {
        Path dir = project("7");
        Files.writeString(dir.resolve("main.c"), main("7", true));
        BuildResult first = build(dir);
        assertTrue(disassembly(first.elf()).contains("$0x7777,%eax"));

        replaceWithOlder(dir.resolve("main.c"), main("8", true));     // same size, other bytes
        BuildResult r = build(dir);
        assertEquals(List.of(dir.resolve("main.c")), r.compiled(), "only the replaced file");
        assertTrue(r.linked());
        String asm = disassembly(r.elf());
        assertTrue(asm.contains("$0x8888,%eax"), "the image has the new helper()");
        assertFalse(asm.contains("$0x7777,%eax"));
        assertEquals(List.of(), build(dir).commands(), "then nothing to do");
    }

    @Test
    void olderHeaderWithOtherContentRebuildsItsDependants() throws Exception {
        Path dir = project("7");
        build(dir);
        replaceWithOlder(dir.resolve("app.h"), "#define VALUE 9\n");     // same size, other bytes
        BuildResult r = build(dir);
        assertEquals(List.of(dir.resolve("main.c")), r.compiled(), "only main.c includes app.h");
        assertTrue(r.linked());
        assertTrue(disassembly(r.elf()).contains("$0x9999,%eax"));
        assertEquals(List.of(), build(dir).commands(), "then nothing to do");
    }

    @Test
    void touchedFileWithTheSameContentRebuildsOnceThenNothing() throws Exception {
        Path dir = project("7");
        build(dir);
        // dated ahead of the object: make's rule, it recompiles once (also when the content is the same) ...
        Fixtures.touch(dir.resolve("other.c"));
        BuildResult once = build(dir);
        assertEquals(List.of(dir.resolve("other.c")), once.compiled());
        // ... and the build after it is a no-op, although other.c is still newer than its object
        BuildResult again = build(dir);
        assertFalse(ranCompiler(again));
        assertEquals(List.of(), again.commands());
    }

    @Test
    void olderMtimeWithTheSameContentRunsNoTool() throws Exception {
        Path dir = project("7");
        build(dir);
        Files.setLastModifiedTime(dir.resolve("main.c"), OLD);
        Files.setLastModifiedTime(dir.resolve("app.h"), OLD);
        assertEquals(List.of(), build(dir).commands(), "same content: nothing to rebuild");
        assertEquals(List.of(), build(dir).commands());
    }

    @Test
    void olderLinkerScriptWithOtherContentRelinksOnly() throws Exception {
        Path dir = project("7");
        build(dir);
        Path ld = tmp.resolve("k/tiny.ld");
        replaceWithOlder(ld, Files.readString(ld).replace("0x100000", "0x200000"));
        BuildResult r = build(dir);
        assertEquals(List.of(), r.compiled());
        assertTrue(r.linked());
        String syms = Fixtures.output("nm", r.elf().toString());
        assertTrue(syms.contains("0000000000200000 T _start"), syms);
        assertEquals(List.of(), build(dir).commands(), "then nothing to do");
    }
}
