package org.ruedo.core.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Changes values in manifest text in place, keeping comments, order and formatting of everything
 * else (the IDE's property page writes the same file the CLI reads).
 */
public final class ManifestEditor {
    private final List<String> lines;
    /** "\r" when the text has Windows line endings, so written lines keep them. */
    private final String cr;

    /** An editor of manifest text (unikernel.toml or kernel.toml). */
    public ManifestEditor(String text) {
        lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        cr = text.contains("\r\n") ? "\r" : "";
    }

    /** Sets a string value. */
    public ManifestEditor setString(String section, String key, String value) {
        return setRaw(section, key, Toml.quote(value));
    }

    /** Sets an integer value. */
    public ManifestEditor setInt(String section, String key, long value) {
        return setRaw(section, key, Long.toString(value));
    }

    /** Sets {@code true} or {@code false}. */
    public ManifestEditor setBoolean(String section, String key, boolean value) {
        return setRaw(section, key, Boolean.toString(value));
    }

    /**
     * Sets a value of any manifest type: a {@link String}, an integer ({@link Integer}/{@link Long}),
     * a {@link Boolean} or a {@code List<String>}.
     *
     * @throws IllegalArgumentException for any other type
     */
    public ManifestEditor set(String section, String key, Object value) {
        if (value instanceof String s) {
            return setString(section, key, s);
        }
        if (value instanceof Integer || value instanceof Long) {
            return setInt(section, key, ((Number) value).longValue());
        }
        if (value instanceof Boolean b) {
            return setBoolean(section, key, b);
        }
        if (value instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
            return setStrings(section, key, l.stream().map(String.class::cast).toList());
        }
        throw new IllegalArgumentException("a manifest value is a string, integer, boolean or list of strings, not " + value);
    }

    /** Sets an array of strings. */
    public ManifestEditor setStrings(String section, String key, List<String> values) {
        return setRaw(section, key, values.stream().map(Toml::quote).collect(Collectors.joining(", ", "[", "]")));
    }

    /** Sets {@code key = literal} in {@code [section]}, adding the key or the section if missing. */
    public ManifestEditor setRaw(String section, String key, String literal) {
        String current = "";
        int sectionEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.startsWith("[") && !s.contains("=")) {
                if (current.equals(section)) {
                    break;
                }
                String header = s.substring(0, s.length() - trailingComment(s).length()).strip();   // "[run]  # comment"
                current = header.replaceAll("[\\[\\]]", "").strip();
                if (current.equals(section)) {
                    sectionEnd = i + 1;
                }
                continue;
            }
            if (!current.equals(section)) {
                continue;
            }
            if (!s.isEmpty() && !s.startsWith("#")) {
                sectionEnd = i + 1;
            }
            int eq = s.indexOf('=');
            if (eq > 0 && s.substring(0, eq).strip().equals(key)) {
                String line = lines.get(i);
                String comment = trailingComment(line);
                int end = i;
                if (s.substring(eq + 1).strip().startsWith("[")) {   // multi-line array: drop continuation lines
                    while (!closesArray(line) && end + 1 < lines.size()) {
                        line = lines.get(++end);
                    }
                    if (comment.isEmpty()) {
                        comment = trailingComment(line);      // "  "b.c"]  # comment" on the closing line
                    }
                    for (int k = end; k > i; k--) {
                        lines.remove(k);
                    }
                }
                String indent = lines.get(i).substring(0, lines.get(i).indexOf(lines.get(i).strip()));
                lines.set(i, indent + key + " = " + literal + (comment.isEmpty() ? "" : "  " + comment) + cr);
                return this;
            }
        }
        if (sectionEnd < 0) {
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            lines.add(cr);
            lines.add("[" + section + "]" + cr);
            lines.add(key + " = " + literal + cr);
            lines.add("");
        } else {
            lines.add(sectionEnd, key + " = " + literal + cr);
        }
        return this;
    }

    /** True when the line holds a ']' outside strings and comments. */
    private static boolean closesArray(String line) {
        return Toml.indexOutsideStrings(Toml.stripComment(line), ']') >= 0;
    }

    /** The line's {@code # comment} (outside strings), or "". */
    private static String trailingComment(String line) {
        int hash = Toml.indexOutsideStrings(line, '#');
        return hash < 0 ? "" : line.substring(hash).stripTrailing();
    }

    /** The edited text. */
    public String text() {
        return String.join("\n", lines);
    }
}
