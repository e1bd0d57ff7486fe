package org.ruedo.core.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.ruedo.core.build.BuildResult;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * {@code build/.ruedo-up-to-date}: what lets {@code ./ruedo build [-q] DIR} answer a no-op build from the shell,
 * without starting a JVM. Written after a successful {@code ruedo build}; NUL-separated fields:
 * <pre>
 * ruedo-up-to-date 1 | PATH | the "up to date: ..." line | N | N inputs | M | M products
 * </pre>
 * Inputs are every file the build depended on (manifests, sources, headers, linker script) and every directory
 * of the project and kernel trees (a file added or removed changes its directory); products are the ELF and the
 * image. The file's mtime is set to the time the build started and its ctime is when it was written: the
 * script takes the build as up to date only when no input's ctime is later than the start (ctime moves with
 * every write, rename or {@code cp -p}, and cannot be set back) and no product's ctime later than the writing,
 * PATH is the same (the same tools) and the engine jar is older than the file. Anything else, and every other
 * command line, goes to the engine, which decides as always and rewrites the file.
 */
final class UpToDateStamp {
    static final String NAME = ".ruedo-up-to-date";
    private static final String MAGIC = "ruedo-up-to-date 1";

    private UpToDateStamp() {
    }

    static Path file(ProjectManifest m) {
        return m.buildDir().resolve(NAME);
    }

    /** Removes the stamp (before a build: a failed or interrupted build leaves none). */
    static void forget(ProjectManifest m) {
        try {
            Files.deleteIfExists(file(m));
        } catch (IOException e) {
            // not there or not removable: the build below rewrites or the script ignores it
        }
    }

    /**
     * Writes the stamp of a successful build that started at {@code started}; writes none when that fails
     * (e.g. another build, which took the project's lock after this one, is emptying build/ meanwhile).
     */
    static void write(ProjectManifest m, BuildResult r, FileTime started) {
        try {
            tryWrite(m, r, started);
        } catch (IOException | RuntimeException e) {
            forget(m);
        }
    }

    private static void tryWrite(ProjectManifest m, BuildResult r, FileTime started) throws IOException {
        Path build = m.buildDir().toAbsolutePath().normalize();
        TreeSet<String> inputs = new TreeSet<>();
        for (Path f : r.files()) {
            Path a = f.toAbsolutePath().normalize();
            if (!a.startsWith(build)) {
                inputs.add(a.toString());
            }
        }
        for (Path tree : List.of(m.dir(), m.kernel().dir())) {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    if (d.toAbsolutePath().normalize().startsWith(build) || d.getFileName() != null && d.getFileName().toString().equals("build")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    inputs.add(d.toAbsolutePath().normalize().toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        List<String> fields = new ArrayList<>();
        fields.add(MAGIC);
        fields.add(System.getenv().getOrDefault("PATH", ""));
        fields.add("up to date: " + m.elf().getFileName() + ", image " + m.image() + " (" + Files.size(m.image()) + " bytes)");
        fields.add(Integer.toString(inputs.size()));
        fields.addAll(inputs);
        fields.add("2");
        fields.add(m.elf().toString());
        fields.add(m.image().toString());
        for (String f : fields) {
            if (f.indexOf('\0') >= 0) {
                return;         // cannot be written NUL-separated: no stamp, the engine decides every time
            }
        }
        Path tmp = file(m).resolveSibling(NAME + ".tmp");
        Files.write(tmp, (String.join("\0", fields) + "\0").getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(tmp, started);
        Files.move(tmp, file(m), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
