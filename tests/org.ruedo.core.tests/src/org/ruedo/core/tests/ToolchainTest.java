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

    @Test
    void bareNameOverrideIsSearchedOnPath(@TempDir Path bin) throws Exception {
        Path mine = bin.resolve("gcc-special");
        java.nio.file.Files.writeString(mine, "#!/bin/sh\nexit 0\n");
        assertTrue(mine.toFile().setExecutable(true));
        Toolchain t = Toolchain.withOverrides(Map.of(Tool.GCC, Path.of("gcc-special"))).withSearchPath(bin.toString());
        assertEquals(mine, t.require(Tool.GCC));
        ToolchainException e = assertThrows(ToolchainException.class,
                () -> Toolchain.withOverrides(Map.of(Tool.GCC, Path.of("gcc-nowhere"))).withSearchPath(bin.toString()).require(Tool.GCC));
        assertEquals("gcc (configured as gcc-nowhere) not found on PATH: install the Debian package gcc (sudo apt-get install gcc)",
                e.getMessage());
    }

    @Test
    void everyToolNamesItsPackage(@TempDir Path empty) {
        Toolchain t = Toolchain.fromPath().withSearchPath(empty.toString());
        Map<Tool, String> expected = Map.of(Tool.GCC, "package gcc (sudo apt-get install gcc)",
                Tool.AS, "package binutils (sudo apt-get install binutils)",
                Tool.OBJCOPY, "package binutils", Tool.NM, "package binutils", Tool.ADDR2LINE, "package binutils",
                Tool.QEMU, "package qemu-system-x86 (sudo apt-get install qemu-system-x86)",
                Tool.GRUB_MKRESCUE, "packages grub-pc-bin grub-common (sudo apt-get install grub-pc-bin grub-common)",
                Tool.XORRISO, "package xorriso (sudo apt-get install xorriso)");
        expected.forEach((tool, text) -> {
            ToolchainException e = assertThrows(ToolchainException.class, () -> t.require(tool));
            assertTrue(e.getMessage().startsWith(tool.command() + " not found on PATH: install the Debian " + text), e.getMessage());
        });
    }
}
