package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/** Tool discovery: real tools are found; a missing one names its Debian package. */
class ToolchainTest {
    @Test
    void findsTheInstalledTools() throws Exception {
        Toolchain t = Toolchain.fromPath();
        for (Tool tool : new Tool[] { Tool.GCC, Tool.LD, Tool.OBJCOPY, Tool.NM, Tool.ADDR2LINE, Tool.QEMU, Tool.GDB }) {
            assertTrue(t.require(tool).toFile().canExecute(), tool.command());
        }
    }

    @Test
    void missingToolNamesTheDebianPackage(@TempDir Path empty) {
        Toolchain t = Toolchain.fromPath().withSearchPath(empty.toString());
        ToolchainException e = assertThrows(ToolchainException.class, () -> t.require(Tool.QEMU));
        assertEquals(Tool.QEMU, e.tool());
        assertTrue(e.getMessage().contains("install the Debian package qemu-system-x86"), e.getMessage());
        e = assertThrows(ToolchainException.class, () -> t.require(Tool.LD));
        assertTrue(e.getMessage().contains("binutils"), e.getMessage());
        e = assertThrows(ToolchainException.class, () -> t.require(Tool.GDB));
        assertTrue(e.getMessage().contains("Debian package gdb"), e.getMessage());
    }

    @Test
    void overrideThatIsNotExecutableIsReported(@TempDir Path dir) {
        Toolchain t = Toolchain.withOverrides(Map.of(Tool.GCC, dir.resolve("no-gcc")));
        ToolchainException e = assertThrows(ToolchainException.class, () -> t.require(Tool.GCC));
        assertTrue(e.getMessage().contains("configured path"), e.getMessage());
        assertTrue(e.getMessage().contains("Debian package gcc"), e.getMessage());
    }
}
