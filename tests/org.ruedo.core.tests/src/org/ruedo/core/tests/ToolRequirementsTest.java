package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/** A build asks only for the tools it runs: not QEMU, gdb or addr2line; nm only with the symbol table. */
class ToolRequirementsTest {
    @TempDir
    Path tmp;

    private Toolchain without(Tool... missing) {
        Map<Tool, Path> m = new java.util.EnumMap<>(Tool.class);
        for (Tool t : missing) {
            m.put(t, tmp.resolve("absent/" + t.command()));
        }
        return Toolchain.withOverrides(m);
    }

    @Test
    void buildNeedsNoEmulatorDebuggerOrAddr2line() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        BuildResult r = new BuildEngine(without(Tool.QEMU, Tool.GDB, Tool.ADDR2LINE)).build(ProjectManifest.load(dir),
                BuildListener.NONE, new CancelToken());
        assertTrue(r.success(), () -> r.problems().toString());
    }

    @Test
    void nmIsNeededOnlyForTheSymbolTable() throws Exception {
        Path off = TinyKernel.write(tmp.resolve("k-off"), false);
        Path appOff = TinyKernel.app(tmp.resolve("app-off"), off, "    return 0;");
        BuildResult r = new BuildEngine(without(Tool.NM)).build(ProjectManifest.load(appOff), BuildListener.NONE, new CancelToken());
        assertTrue(r.success(), () -> r.problems().toString());

        Path on = TinyKernel.write(tmp.resolve("k-on"), true);
        Path appOn = TinyKernel.app(tmp.resolve("app-on"), on, "    return 0;");
        ToolchainException e = assertThrows(ToolchainException.class,
                () -> new BuildEngine(without(Tool.NM)).build(ProjectManifest.load(appOn), BuildListener.NONE, new CancelToken()));
        assertEquals(Tool.NM, e.tool());
        assertTrue(e.getMessage().contains("binutils"), e.getMessage());
        assertFalse(Files.exists(appOn.resolve("build")), "nothing started before the missing tool was reported");
    }
}
