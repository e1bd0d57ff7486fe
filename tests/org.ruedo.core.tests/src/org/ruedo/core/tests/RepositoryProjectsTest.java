package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ManifestEditor;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;

/**
 * Every unikernel project the repository ships (kernel/examples/*, kernel/tests) builds with the engine:
 * each is copied with its manifest's kernel pointed at the repository's kernel/ through
 * {@link ManifestEditor}, so the checkout stays clean.
 */
class RepositoryProjectsTest {
    @TempDir
    Path tmp;

    private static List<Path> projects() throws Exception {
        Path kernel = Fixtures.kernel();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(kernel.resolve("examples"))) {
            s.filter(d -> Files.isRegularFile(d.resolve("unikernel.toml"))).sorted().forEach(out::add);
        }
        out.add(kernel.resolve("tests"));       // the in-kernel test suite is a project too: it must be there
        return out;
    }

    @Test
    void everyShippedProjectBuildsAndThenIsUpToDate() throws Exception {
        List<Path> projects = projects();
        // what the README promises, named literally: a project that vanished (or lost its manifest) fails here
        List<String> names = projects.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("hello", "multicore", "crash", "tests")), names.toString());
        assertTrue(Files.isRegularFile(Fixtures.kernel().resolve("tests/unikernel.toml")), "kernel/tests has its manifest");
        for (Path src : projects) {
            Path copy = tmp.resolve(src.getFileName().toString());
            Files.createDirectories(copy);
            try (Stream<Path> s = Files.list(src)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName().toString()));
                }
            }
            Path toml = copy.resolve("unikernel.toml");
            Files.writeString(toml, new ManifestEditor(Files.readString(toml))
                    .set("project", "kernel", Fixtures.kernel().toString()).text());
            ProjectManifest m = ProjectManifest.load(copy);
            assertEquals(Fixtures.kernel(), m.kernel().dir());
            BuildResult r = new BuildEngine(Toolchain.fromPath()).build(m, BuildListener.NONE, new CancelToken());
            assertTrue(r.success(), () -> src + ": " + r.problems());
            assertTrue(r.linked());
            byte[] img = Files.readAllBytes(r.image());
            assertTrue(hasMultibootHeader(img), src + ": Multiboot magic in the first 8 KiB of the image");
            Process nm = new ProcessBuilder("nm", r.elf().toString()).start();
            String syms = new String(nm.getInputStream().readAllBytes());
            nm.waitFor();
            assertTrue(syms.contains(" T main\n"), src + ": the app's main is linked");
            assertTrue(syms.contains("ksym_table"), src + ": the symbol table is linked");
            BuildResult again = new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(copy), BuildListener.NONE,
                    new CancelToken());
            assertEquals(List.of(), again.commands(), src + ": a second build runs nothing");
            assertFalse(again.linked());
        }
    }

    /** The Multiboot v1 magic 0x1BADB002, 4-byte aligned, within the first 8192 bytes. */
    private static boolean hasMultibootHeader(byte[] img) {
        for (int i = 0; i + 4 <= Math.min(img.length, 8192); i += 4) {
            if ((img[i] & 0xff) == 0x02 && (img[i + 1] & 0xff) == 0xB0 && (img[i + 2] & 0xff) == 0xAD && (img[i + 3] & 0xff) == 0x1B) {
                return true;
            }
        }
        return false;
    }
}
