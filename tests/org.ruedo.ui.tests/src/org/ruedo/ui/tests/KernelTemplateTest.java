package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.kernel.KernelTemplate;

/** The kernel template carried by org.ruedo.kernel is the repository's kernel/ tree, byte for byte, without build output. */
class KernelTemplateTest {
    private static Path repoKernel() {
        return Path.of(System.getProperty("ruedo.root", "../..")).resolve("kernel");
    }

    private static List<String> sourceFiles(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(r -> !r.startsWith("build/") && !r.contains("/build/")).sorted().toList();
        }
    }

    @Test
    void templateIsTheRepositoryKernelTree() throws Exception {
        assertEquals(sourceFiles(repoKernel()), KernelTemplate.files());
        assertTrue(KernelTemplate.examples().containsAll(List.of("hello", "multicore")), KernelTemplate.examples().toString());
    }

    @Test
    void copyToWritesEveryFileUnchanged(@TempDir Path dir) throws Exception {
        Path dest = dir.resolve("my kernel");
        int n = KernelTemplate.copyTo(dest);
        List<String> copied = sourceFiles(dest);
        assertEquals(KernelTemplate.files(), copied);
        assertEquals(copied.size(), n);
        for (String f : copied) {
            assertArrayEquals(Files.readAllBytes(repoKernel().resolve(f)), Files.readAllBytes(dest.resolve(f)), f);
        }
        try (Stream<Path> s = Files.list(dest)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("kernel.toml")));
        }
    }
}
