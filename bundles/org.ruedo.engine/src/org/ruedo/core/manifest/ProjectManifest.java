package org.ruedo.core.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ruedo.core.qemu.QemuCommand;

/**
 * A unikernel project's {@code unikernel.toml} (docs/CONTRACTS.md §1), read and checked.
 *
 * @param dir       project directory (absolute)
 * @param file      the manifest file
 * @param name      image name
 * @param kernel    the kernel it links with
 * @param sources   app source globs relative to {@code dir}
 * @param include   app include directories relative to {@code dir}
 * @param cflags    extra flags for app files
 * @param cpus      QEMU CPUs
 * @param memoryMiB QEMU memory
 * @param qemuArgs  extra QEMU arguments (passed {@link QemuCommand#checkUserArgs})
 * @param timeout   seconds before the CLI kills the guest (0 = never)
 * @param sourcesLine line of {@code [app] sources} (of {@code [app]}, or 1, when the default applies),
 *                  for errors about the files it selects
 * @param record    {@code [run] record}: Run records the run for reverse debugging (one CPU only; see
 *                  {@link org.ruedo.core.qemu.Recording})
 */
public record ProjectManifest(Path dir, Path file, String name, KernelManifest kernel, List<String> sources,
        List<String> include, List<String> cflags, int cpus, int memoryMiB, List<String> qemuArgs, int timeout,
        int sourcesLine, boolean record) {

    /** File name of the project manifest. */
    public static final String FILE = "unikernel.toml";

    private static final Map<String, Set<String>> SCHEMA = Map.of(
            "project", Set.of("name", "kernel"),
            "app", Set.of("sources", "include", "cflags"),
            "run", Set.of("cpus", "memory", "qemu-args", "timeout", "record"));

    /**
     * Loads {@code projectDir/unikernel.toml} and the kernel manifest it points to. Besides values, every
     * glob must be valid and every include directory must exist (errors at the element's line). Whether
     * the globs select any file is the build engine's check (at {@link #sourcesLine}).
     */
    public static ProjectManifest load(Path projectDir) throws ManifestException {
        Path dir = projectDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(file, 0, "no " + FILE + " in " + dir + " (is this a Ruedo unikernel project?)");
        }
        SchemaReader r = new SchemaReader(file, Toml.parse(file), SCHEMA);
        String name = r.string("project", "name", null, "[A-Za-z0-9_.-]+", "letters, digits, '_', '.', '-' only");
        String kernelRel = r.string("project", "kernel", "kernel", null, null);
        Path kernelDir = dir.resolve(kernelRel).normalize();
        if (!Files.isRegularFile(kernelDir.resolve(KernelManifest.FILE))) {
            throw new ManifestException(file, r.line("project", "kernel"),
                    "kernel = \"" + kernelRel + "\": no " + KernelManifest.FILE + " in " + kernelDir);
        }
        List<String> sources = r.globs("app", "sources", List.of("*.c", "*.S"));
        List<String> include = r.dirs("app", "include", List.of(), dir);
        List<String> cflags = r.strings("app", "cflags", List.of());
        int cpus = (int) r.integer("run", "cpus", 1, 1, 8);
        int memory = (int) r.integer("run", "memory", 128, 16, 4096);
        List<String> qemuArgs = r.strings("run", "qemu-args", List.of());
        QemuCommand.ArgProblem bad = QemuCommand.checkUserArgs(qemuArgs);
        if (bad != null) {      // the gdbstub and every endpoint stay on 127.0.0.1 (docs/CONTRACTS.md §4)
            throw new ManifestException(file, r.elementLine("run", "qemu-args", bad.index()), "qemu-args: " + bad.message());
        }
        int timeout = (int) r.integer("run", "timeout", 0, 0, 86400);
        boolean record = r.bool("run", "record", false);
        if (record && cpus > 1) {
            throw new ManifestException(file, r.line("run", "record"), org.ruedo.core.qemu.Recording.smpRefusal(cpus));
        }
        KernelManifest kernel = KernelManifest.load(kernelDir);
        return new ProjectManifest(dir, file, name, kernel, sources, include, cflags, cpus, memory, qemuArgs, timeout,
                Math.max(1, r.line("app", "sources")), record);
    }

    /** The directory the app's sources walk does not enter: the kernel's, when it lies inside the project. */
    public static Path appExclude(Path projectDir, Path kernelDir) {
        return kernelDir.startsWith(projectDir) ? kernelDir : null;
    }

    /** build/ directory. */
    public Path buildDir() {
        return dir.resolve("build");
    }

    /** The ELF gdb loads. */
    public Path elf() {
        return buildDir().resolve(name + ".elf");
    }

    /** The image QEMU boots with -kernel. */
    public Path image() {
        return buildDir().resolve(name + ".img");
    }

    /** The optional GRUB ISO. */
    public Path iso() {
        return buildDir().resolve(name + ".iso");
    }
}
