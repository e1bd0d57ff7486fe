package org.ruedo.reverse.tests;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The lost-config test app (a global corrupted early, a crash much later) with a copy of the kernel. */
final class ReplayFixture {
    private ReplayFixture() {
    }

    /** The repository root (from system property {@code ruedo.root}). */
    static Path root() {
        Path p = Path.of(System.getProperty("ruedo.root", "")).toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("kernel/kernel.toml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no kernel/kernel.toml above ruedo.root=" + System.getProperty("ruedo.root"));
        }
        return p;
    }

    /** Writes the app into {@code dir} (kernel under {@code dir/kernel}); returns {@code dir}. */
    static Path lostConfig(Path dir) throws IOException {
        copyTree(root().resolve("kernel"), dir.resolve("kernel"));
        Path app = root().resolve("tests/org.ruedo.reverse.tests/apps/lostconfig");
        for (String f : List.of("main.c", "unikernel.toml")) {
            Files.copy(app.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    /** The 1-based line of the first line of {@code file} containing {@code text}. */
    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    static void waitFor(BooleanSupplier c, int seconds, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                String n = d.getFileName().toString();
                if (n.equals("build") || n.equals("examples")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
