package org.ruedo.core.build;

import java.nio.file.Path;
import java.util.List;

/**
 * What a build did. The engine makes one with {@link #builder(Path, Path)}.
 *
 * @param success   true when the image is up to date with the sources
 * @param cancelled true when the build was cancelled
 * @param problems  diagnostics, in the order the tools printed them
 * @param compiled  sources compiled in this build (empty for a no-op build)
 * @param linked    whether the linker ran
 * @param elf       the ELF (with DWARF) gdb loads
 * @param image     the image QEMU boots
 * @param iso       the GRUB ISO, or null when grub-mkrescue/xorriso are not installed
 * @param commands  every external command run, in order of start
 * @param files     every file the build checked: the inputs it depends on (sources, headers, linker script)
 *                  and the products under build/ (empty for a build that stopped early)
 */
public record BuildResult(boolean success, boolean cancelled, List<Problem> problems, List<Path> compiled, boolean linked,
        Path elf, Path image, Path iso, List<List<String>> commands, List<Path> files) {

    /** A result without its file list (as before {@code files} existed). */
    public BuildResult(boolean success, boolean cancelled, List<Problem> problems, List<Path> compiled, boolean linked,
            Path elf, Path image, Path iso, List<List<String>> commands) {
        this(success, cancelled, problems, compiled, linked, elf, image, iso, commands, List.of());
    }

    /** Problems of severity error. */
    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    /** A result for the project's {@code elf} and {@code image}: by default failed, nothing compiled, linked or run. */
    public static Builder builder(Path elf, Path image) {
        return new Builder(elf, image);
    }

    /** Collects a result's parts; {@link #build()} makes the (immutable) result. */
    public static final class Builder {
        private final Path elf;
        private final Path image;
        private boolean success;
        private boolean cancelled;
        private List<Problem> problems = List.of();
        private List<Path> compiled = List.of();
        private boolean linked;
        private Path iso;
        private List<List<String>> commands = List.of();
        private List<Path> files = List.of();

        private Builder(Path elf, Path image) {
            this.elf = elf;
            this.image = image;
        }

        public Builder success(boolean v) {
            success = v;
            return this;
        }

        public Builder cancelled(boolean v) {
            cancelled = v;
            return this;
        }

        public Builder problems(List<Problem> v) {
            problems = List.copyOf(v);
            return this;
        }

        public Builder compiled(List<Path> v) {
            compiled = List.copyOf(v);
            return this;
        }

        public Builder linked(boolean v) {
            linked = v;
            return this;
        }

        public Builder iso(Path v) {
            iso = v;
            return this;
        }

        public Builder commands(List<List<String>> v) {
            commands = List.copyOf(v);
            return this;
        }

        public Builder files(List<Path> v) {
            files = List.copyOf(v);
            return this;
        }

        public BuildResult build() {
            return new BuildResult(success, cancelled, problems, compiled, linked, elf, image, iso, commands, files);
        }
    }
}
