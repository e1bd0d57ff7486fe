/**
 * Finding the external tools (gcc, binutils, QEMU, gdb, optional grub-mkrescue/xorriso) on PATH or at
 * paths the user configured; a missing tool is a {@link org.ruedo.core.toolchain.ToolchainException}
 * naming the Debian package to install. Each operation requires only the tools it runs.
 */
package org.ruedo.core.toolchain;
