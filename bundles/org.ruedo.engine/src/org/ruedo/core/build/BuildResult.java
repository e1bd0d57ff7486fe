package org.ruedo.core.build;

import java.nio.file.Path;
import java.util.List;

/**
 * What a build did.
 *
 * @param success   true when the image is up to date with the sources
 * @param cancelled true when the build was cancelled
 * @param problems  diagnostics, in the order the tools printed them
 * @param compiled  sources compiled in this build (empty for a no-op build)
 * @param linked    whether the linker ran
 * @param elf       the ELF (with DWARF) gdb loads
 * @param image     the image QEMU boots
 * @param iso       the GRUB ISO, or null when grub-mkrescue/xorriso are not installed
 * @param commands  every external command run, in order of completion
 */
public record BuildResult(boolean success, boolean cancelled, List<Problem> problems, List<Path> compiled, boolean linked,
        Path elf, Path image, Path iso, List<List<String>> commands) {

    /** Problems of severity error. */
    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }
}
