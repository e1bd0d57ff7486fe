package org.ruedo.core.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent oracle for dependency tests: follows {@code #include} lines textually (the quoted
 * form looks next to the including file first, then in the -I directories; the angle form only in the
 * -I directories; system headers not found there are ignored).
 */
final class IncludeScanner {
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s*([\"<])([^\">]+)[\">]");

    private IncludeScanner() {
    }

    /** True when {@code source} includes {@code header}, directly or through other headers. */
    static boolean reaches(Path source, Path header, List<Path> includeDirs) {
        Set<Path> seen = new HashSet<>();
        Deque<Path> todo = new ArrayDeque<>(List.of(source));
        while (!todo.isEmpty()) {
            Path f = todo.pop();
            if (!seen.add(f)) {
                continue;
            }
            if (f.equals(header)) {
                return true;
            }
            String text;
            try {
                text = Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = INCLUDE.matcher(text);
            while (m.find()) {
                Path found = resolve(f, m.group(1).equals("\""), m.group(2), includeDirs);
                if (found != null) {
                    todo.push(found);
                }
            }
        }
        return false;
    }

    private static Path resolve(Path from, boolean quoted, String name, List<Path> includeDirs) {
        if (quoted) {
            Path local = from.resolveSibling(name).normalize();
            if (Files.isRegularFile(local)) {
                return local;
            }
        }
        for (Path d : includeDirs) {
            Path p = d.resolve(name).normalize();
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
