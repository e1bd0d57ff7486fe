package org.ruedo.core.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kernel.toml}: what every project built with this kernel compiles and links
 * (docs/CONTRACTS.md §1).
 *
 * @param dir          the kernel directory (absolute)
 * @param sources      source globs relative to {@code dir}
 * @param include      include directories relative to {@code dir}, used for kernel and app files
 * @param cflags       extra flags for kernel files
 * @param linkerScript absolute path of the linker script
 * @param symbols      whether to link twice with an embedded symbol table
 * @param sourcesLine  line of {@code sources} in {@code kernel.toml} (for errors about the files it selects)
 */
public record KernelManifest(Path dir, List<String> sources, List<String> include, List<String> cflags,
        Path linkerScript, boolean symbols, int sourcesLine) {

    /** File name of the kernel manifest. */
    public static final String FILE = "kernel.toml";

    private static final Map<String, Set<String>> SCHEMA = Map.of(
            "kernel", Set.of("sources", "include", "cflags", "linker-script", "symbols"));

    /**
     * Loads {@code dir/kernel.toml}: besides values, every glob must be valid and every include directory
     * must exist (errors at the element's line). Whether the globs select any file is the build engine's check.
     */
    public static KernelManifest load(Path dir) throws ManifestException {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(file, 0, "kernel manifest not found: " + file);
        }
        SchemaReader r = new SchemaReader(file, Toml.parse(file), SCHEMA);
        List<String> sources = r.globs("kernel", "sources", null);
        if (sources == null || sources.isEmpty()) {
            throw new ManifestException(file, r.line("kernel", "sources"), "'sources' must list at least one glob");
        }
        List<String> include = r.dirs("kernel", "include", List.of(), file.getParent());
        String ld = r.string("kernel", "linker-script", null, null, null);
        Path script = file.getParent().resolve(ld).normalize();
        if (!Files.isRegularFile(script)) {
            throw new ManifestException(file, r.line("kernel", "linker-script"), "linker script not found: " + script);
        }
        List<String> cflags = r.strings("kernel", "cflags", List.of());
        boolean symbols = r.bool("kernel", "symbols", true);
        return new KernelManifest(file.getParent(), sources, include, cflags, script, symbols, Math.max(1, r.line("kernel", "sources")));
    }

    /** The kernel.toml file. */
    public Path file() {
        return dir.resolve(FILE);
    }
}
