package org.ruedo.core.manifest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code sources} globs of both manifests (docs/CONTRACTS.md §1): relative, '/'-separated,
 * {@code **} allowed; a leading {@code **}{@code /} also matches files directly in the base directory.
 * Only C and assembler files ({@code .c .S .s}) are selected; build/ and hidden directories are skipped.
 */
public final class SourceGlobs {
    private SourceGlobs() {
    }

    /** Why {@code glob} is not a valid glob (e.g. "missing '}'"), or null when it is. */
    public static String syntaxError(String glob) {
        try {
            matchers(glob);
            return null;
        } catch (PatternSyntaxException e) {
            String d = e.getDescription();
            if (d.matches("Missing '.")) {
                d = "missing '" + d.charAt(d.length() - 1) + "'";      // the JDK's "Missing '}" lacks its closing quote
            }
            return d + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "");
        }
    }

    /** The error for globs that select nothing: "no source file (.c, .S, .s) matches [app] sources [...] in DIR". */
    public static String noMatchMessage(String section, List<String> globs, Path base) {
        return "no source file (.c, .S, .s) matches [" + section + "] sources "
                + globs.stream().map(Toml::quote).collect(java.util.stream.Collectors.joining(", ", "[", "]")) + " in " + base;
    }

    private static List<PathMatcher> matchers(String glob) {
        List<PathMatcher> out = new ArrayList<>();
        out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        if (glob.startsWith("**/")) {
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
        }
        return out;
    }

    /**
     * The C and assembler files under {@code base} matching any glob, sorted, absolute, named as
     * {@code base} spells them; {@code exclude} (a directory, may be null) is not entered.
     *
     * @throws IllegalArgumentException for an invalid glob (the manifests reject those when loaded)
     */
    public static List<Path> collect(Path base, List<String> globs, Path exclude) throws IOException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String g : globs) {
            matchers.addAll(matchers(g));
        }
        Set<Path> out = new TreeSet<>();
        // walk the real directory (base may be a symbolic link, which the walk would not enter), but
        // name the files as base does, so commands and objects keep the project's own spelling
        Path real = base.toRealPath();
        Files.walkFileTree(real, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path realDir, BasicFileAttributes attrs) {
                Path dir = base.resolve(real.relativize(realDir).toString());
                String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!realDir.equals(real) && (n.equals("build") || n.startsWith(".") || dir.normalize().equals(exclude))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path realFile, BasicFileAttributes attrs) {
                Path rel = real.relativize(realFile);
                Path file = base.resolve(rel.toString());
                String n = file.getFileName().toString();
                if (!(n.endsWith(".c") || n.endsWith(".S") || n.endsWith(".s"))) {
                    return FileVisitResult.CONTINUE;
                }
                for (PathMatcher pm : matchers) {
                    if (pm.matches(rel)) {
                        out.add(file.toAbsolutePath().normalize());
                        break;
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new ArrayList<>(out);
    }
}
