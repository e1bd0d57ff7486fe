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
 */
public record KernelManifest(Path dir, List<String> sources, List<String> include, List<String> cflags,
        Path linkerScript, boolean symbols) {

    /** File name of the kernel manifest. */
    public static final String FILE = "kernel.toml";

    private static final Map<String, Set<String>> SCHEMA = Map.of(
            "kernel", Set.of("sources", "include", "cflags", "linker-script", "symbols"));

    /** Loads {@code dir/kernel.toml}. */
    public static KernelManifest load(Path dir) throws ManifestException {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(file, 0, "kernel manifest not found: " + file);
        }
        SchemaReader r = new SchemaReader(file, Toml.parse(file), SCHEMA);
        List<String> sources = r.strings("kernel", "sources", null);
        if (sources == null || sources.isEmpty()) {
            throw new ManifestException(file, r.line("kernel", "sources"), "'sources' must list at least one glob");
        }
        String ld = r.string("kernel", "linker-script", null, null, null);
        Path script = file.getParent().resolve(ld).normalize();
        if (!Files.isRegularFile(script)) {
            throw new ManifestException(file, r.line("kernel", "linker-script"), "linker script not found: " + script);
        }
        return new KernelManifest(file.getParent(), sources, r.strings("kernel", "include", List.of()),
                r.strings("kernel", "cflags", List.of()), script, r.bool("kernel", "symbols", true));
    }
}
