package org.ruedo.tests.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BooleanSupplier;

/**
 * Project fixtures every test bundle uses (one copy, plain Java): the repository and its kernel/, one-file
 * app projects against a kernel, copies of trees without their build/ output, waiting on a condition.
 */
public final class Projects {
    private Projects() {
    }

    /** The repository root: the first directory at or above system property {@code ruedo.root} (else the working directory) holding kernel/kernel.toml. */
    public static Path root() {
        String r = System.getProperty("ruedo.root");
        Path p = (r == null || r.isEmpty() ? Path.of("") : Path.of(r)).toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("kernel/kernel.toml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no kernel/kernel.toml at or above ruedo.root=" + r + " (set -Druedo.root)");
        }
        return p;
    }

    /** The repository's kernel directory. */
    public static Path kernel() {
        return root().resolve("kernel");
    }

    /** Writes a one-file app project ({@code unikernel.toml} + {@code main.c}) against {@code kernelDir} into {@code dir}. */
    public static Path app(Path dir, String name, String kernelDir, String mainC) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"" + name + "\"\nkernel = \""
                + kernelDir.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n[app]\nsources = [\"*.c\"]\n");
        Files.writeString(dir.resolve("main.c"), mainC);
        return dir;
    }

    /** Copies a tree, leaving out {@code build/} directories. */
    public static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (d.getFileName().toString().equals("build")) {
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

    /** Polls {@code c} every 5 ms; fails naming {@code what} after {@code seconds}. */
    public static void waitFor(BooleanSupplier c, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
