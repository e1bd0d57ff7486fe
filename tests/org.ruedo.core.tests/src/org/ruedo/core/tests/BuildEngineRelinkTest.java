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
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;

/** When the ELF is relinked without any object changing: the linker script, the symbol-table switch. */
class BuildEngineRelinkTest {
    @TempDir
    Path tmp;

    private static BuildResult build(Path dir) throws Exception {
        return new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
    }

    private static long ksymCount(Path elf) throws Exception {
        // ksym_count's 8 bytes, read from the ELF with objcopy into a flat file
        Path out = elf.resolveSibling("ksym_count.bin");
        Process p = new ProcessBuilder("objcopy", "-O", "binary", "--only-section=.ksyms", elf.toString(), out.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        return Files.size(out);
    }

    @Test
    void switchingTheSymbolTableRelinksWithoutRecompiling() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        BuildResult off = build(dir);
        assertTrue(off.success(), () -> off.problems().toString());
        long emptyTable = ksymCount(off.elf());

        Path toml = k.resolve("kernel.toml");
        Files.writeString(toml, Files.readString(toml).replace("symbols = false", "symbols = true"));
        BuildResult on = build(dir);
        assertTrue(on.success(), () -> on.problems().toString());
        assertEquals(List.of(), on.compiled(), "no object depends on the switch");
        assertTrue(on.linked(), "but the ELF must now carry the table");
        assertTrue(ksymCount(on.elf()) > emptyTable, "the .ksyms section grew");

        Files.writeString(toml, Files.readString(toml).replace("symbols = true", "symbols = false"));
        BuildResult offAgain = build(dir);
        assertTrue(offAgain.linked());
        assertEquals(emptyTable, ksymCount(offAgain.elf()));
        assertEquals(List.of(), build(dir).commands(), "then nothing to do");
    }

    @Test
    void editedLinkerScriptRelinksOnly() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        assertTrue(build(dir).success());
        Files.writeString(k.resolve("tiny.ld"), Files.readString(k.resolve("tiny.ld")).replace("0x100000", "0x200000"));
        Fixtures.edited(k.resolve("tiny.ld"), k, dir);
        BuildResult r = build(dir);
        assertTrue(r.success(), () -> r.problems().toString());
        assertEquals(List.of(), r.compiled());
        assertTrue(r.linked());
        String syms = Fixtures.output("nm", r.elf().toString());
        assertTrue(syms.contains("0000000000200000 T _start"), syms);
        assertFalse(syms.contains("0000000000100000 T _start"), syms);
    }
}
