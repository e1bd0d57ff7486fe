package org.ruedo.core.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.ruedo.tests.support.Projects;

/** Real-kernel test projects for the engine and builder tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The repository root (system property ruedo.root, set by the build). */
    public static Path root() {
        return Projects.root();
    }

    /** The repository's kernel directory. */
    public static Path kernel() {
        return Projects.kernel();
    }

    /**
     * Writes a small app project against the real kernel: main.c (includes app.h), other.c (does not).
     * main.c's line 6 is {@code return twice(21) - 42;}.
     */
    public static Path appProject(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("unikernel.toml"), """
                # test project
                [project]
                name = "%s"
                kernel = "%s"

                [app]
                sources = ["*.c"]
                cflags = ["-Og"]
                """.formatted(name, kernel().toString().replace("\\", "\\\\")));
        Files.writeString(dir.resolve("app.h"), "int twice(int x);\n");
        Files.writeString(dir.resolve("main.c"), MAIN_OK);
        Files.writeString(dir.resolve("other.c"), "int twice(int x)\n{\n    return 2 * x;\n}\n");
        return dir;
    }

    /** A correct main.c. */
    public static final String MAIN_OK = """
            #include <ruedo.h>
            #include "app.h"

            int main(void)
            {
                printk("answer %d\\n", twice(21));
                return twice(21) - 42;
            }
            """;

    /** main.c with a syntax error on line 6 (missing semicolon before the return). */
    public static final String MAIN_BROKEN = """
            #include <ruedo.h>
            #include "app.h"

            int main(void)
            {
                printk("answer %d\\n", twice(21))
                return twice(21) - 42;
            }
            """;

    /** What a tool prints on stdout (e.g. {@code nm} of an ELF), once it has exited. */
    public static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** Sets a file's mtime into the future so the build sees it as changed without sleeping. */
    public static void touch(Path f) throws IOException {
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
    }

    /**
     * Marks {@code f} as edited now, after the last build: in the given trees, sources are dated two
     * minutes back and everything under a build/ directory one minute back, then {@code f} gets the
     * current time. A later build sees {@code f} (only) as changed, and what that build writes is newer
     * than {@code f}, so the build after it is a no-op (unlike {@link #touch}, which dates {@code f} ahead).
     */
    public static void edited(Path f, Path... trees) throws IOException {
        FileTime sources = FileTime.from(Instant.now().minusSeconds(120));
        FileTime outputs = FileTime.from(Instant.now().minusSeconds(60));
        for (Path tree : trees) {
            try (var s = Files.walk(tree)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Files.setLastModifiedTime(p, tree.relativize(p).toString().contains("build/") ? outputs : sources);
                }
            }
        }
        Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
    }

    /** Copies the repository's kernel/ (without any build/ output) to {@code dest} and returns it. */
    public static Path copyKernel(Path dest) throws IOException {
        Projects.copyTree(kernel(), dest);
        return dest;
    }

    /** How many C and assembler files the repository kernel's kernel.toml selects. */
    public static int kernelSourceCount() throws Exception {
        return org.ruedo.core.manifest.KernelManifest.load(kernel()).sources().stream().mapToInt(g -> {
            try (var s = Files.walk(kernel())) {
                java.nio.file.PathMatcher pm = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g);
                return (int) s.filter(Files::isRegularFile).filter(f -> pm.matches(kernel().relativize(f))).count();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sum();
    }
}
