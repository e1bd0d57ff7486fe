package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.build.Problem;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;

/** Real ld errors through the engine, with and without line information, and from a broken linker script. */
class LinkDiagnosticsTest {
    @TempDir
    Path tmp;

    private static BuildResult build(Path dir) throws Exception {
        return new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
    }

    @Test
    void undefinedReferenceWithoutDebugInfoStillNamesTheFile() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    missing_function();\n    return 0;");
        Files.writeString(dir.resolve("main.c"), "void missing_function(void);\n" + Files.readString(dir.resolve("main.c")));
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml")) + "[app]\ncflags = [\"-g0\"]\n");
        BuildResult r = build(dir);
        assertFalse(r.success());
        Problem e = r.errors().stream().filter(p -> p.message().contains("undefined reference to `missing_function'"))
                .findFirst().orElseThrow(() -> new AssertionError(r.problems().toString()));
        assertEquals(dir.resolve("main.c"), e.file());
        assertEquals(0, e.line(), "no line without DWARF");
    }

    @Test
    void brokenLinkerScriptIsAnErrorOnTheScript() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        Files.writeString(k.resolve("tiny.ld"), Files.readString(k.resolve("tiny.ld")).replace(".rodata : {", ".rodata : { = 3"));
        BuildResult r = build(dir);
        assertFalse(r.success());
        assertFalse(r.linked());
        Problem e = r.errors().get(0);
        assertEquals(k.resolve("tiny.ld"), e.file(), r.problems().toString());
        assertEquals(5, e.line(), r.problems().toString());
        assertTrue(e.message().contains("syntax error"), e.message());
    }
}
