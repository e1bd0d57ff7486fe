package org.ruedo.core.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the Makefile fragments gcc writes with {@code -MMD -MP}:
 * {@code obj.o: src.c a.h \\\n b.h} followed by phony {@code a.h:} rules. Returns the prerequisites
 * of the first rule (the source and every header it includes), unescaping {@code \ } and {@code $$}.
 */
public final class DependencyFile {
    private DependencyFile() {
    }

    /** Prerequisites of the first rule. */
    public static List<Path> parse(String text) {
        String joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
        String first = joined.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        int colon = targetColon(first);
        if (colon < 0) {
            return List.of();
        }
        Set<Path> out = new LinkedHashSet<>();
        StringBuilder cur = new StringBuilder();
        String deps = first.substring(colon + 1);
        for (int i = 0; i < deps.length(); i++) {
            char c = deps.charAt(i);
            if (c == '\\' && i + 1 < deps.length() && deps.charAt(i + 1) == ' ') {
                cur.append(' ');
                i++;
            } else if (c == '$' && i + 1 < deps.length() && deps.charAt(i + 1) == '$') {
                cur.append('$');
                i++;
            } else if (Character.isWhitespace(c)) {
                if (!cur.isEmpty()) {
                    out.add(Path.of(cur.toString()));
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(Path.of(cur.toString()));
        }
        return new ArrayList<>(out);
    }

    /** The rule's ':' (not one escaped inside a path). */
    private static int targetColon(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':' && (i + 1 >= line.length() || Character.isWhitespace(line.charAt(i + 1)))) {
                return i;
            }
        }
        return -1;
    }
}
