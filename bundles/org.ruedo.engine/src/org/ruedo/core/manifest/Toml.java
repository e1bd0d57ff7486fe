package org.ruedo.core.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * A manifest parsed by tomlj (full TOML: inline tables, dotted keys, literal and multi-line strings,
 * multi-line arrays), flattened into the shape the schema reader checks: top-level tables are sections,
 * their keys entries, each with the line tomlj recorded for it and, for arrays, for each element. A syntax
 * error is a {@link ManifestException} at tomlj's line; whether sections, keys and value types are allowed
 * is {@link SchemaReader}'s business.
 *
 * <p>Values are {@link String}, {@link Long}, {@link Boolean}, {@code List<Object>} (an array, elements
 * converted the same way), {@code Map<String, Object>} (a table), or what else tomlj gives (a
 * {@link Double}, a date or time), which the schema then rejects by type.
 */
public final class Toml {
    /**
     * One {@code key = value} with where it was; for an array, {@code elementLines} holds the line of
     * each element (an array may span lines), for other values it is empty.
     */
    public record Entry(String section, String key, Object value, int line, List<Integer> elementLines) {
        public Entry(String section, String key, Object value, int line) {
            this(section, key, value, line, List.of());
        }

        /** Line of array element {@code i} (the key's line when unknown). */
        public int elementLine(int i) {
            return i >= 0 && i < elementLines.size() ? elementLines.get(i) : line;
        }
    }

    private final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
    private final Map<String, Integer> sectionLines = new LinkedHashMap<>();

    private Toml() {
    }

    /** Parses a file (UTF-8; anything else is an error at the line of the first bad byte). */
    public static Toml parse(Path file) throws ManifestException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ManifestException(file, 0, "cannot read: " + e.getMessage());
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parse(file, text);
        } catch (CharacterCodingException e) {
            throw new ManifestException(file, firstBadUtf8Line(bytes), "not valid UTF-8 text");
        }
    }

    /** Parses text; {@code file} names it in errors. */
    public static Toml parse(Path file, String text) throws ManifestException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);       // a byte-order mark some editors write
        }
        TomlParseResult r = org.tomlj.Toml.parse(text);
        if (r.hasErrors()) {
            TomlParseError first = r.errors().stream().min(Comparator.comparingInt((TomlParseError e) -> line(e.position()))
                    .thenComparingInt(e -> e.position() == null ? 0 : e.position().column())).orElseThrow();
            throw new ManifestException(file, Math.max(1, line(first.position())), message(first));
        }
        Toml t = new Toml();
        for (String name : r.keySet()) {
            List<String> path = List.of(name);
            Object v = r.get(path);
            int at = line(r.inputPositionOf(path));
            if (v instanceof TomlTable table) {
                t.sectionLines.put(name, at);
                Map<String, Entry> entries = t.sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                for (String key : table.keySet()) {
                    List<String> kp = List.of(key);
                    entries.put(key, entry(name, key, table.get(kp), line(table.inputPositionOf(kp))));
                }
            } else {
                // a key outside every section: the schema reader reports it
                t.sections.computeIfAbsent("", k -> new LinkedHashMap<>()).put(name, entry("", name, v, at));
            }
        }
        return t;
    }

    private static Entry entry(String section, String key, Object v, int line) {
        List<Integer> elementLines = new ArrayList<>();
        if (v instanceof TomlArray a) {
            for (int i = 0; i < a.size(); i++) {
                elementLines.add(Math.max(line, line(a.inputPositionOf(i))));
            }
        }
        return new Entry(section, key, convert(v), line, List.copyOf(elementLines));
    }

    /** tomlj's arrays and tables as Java lists and maps; scalars as they are. */
    private static Object convert(Object v) {
        if (v instanceof TomlArray a) {
            List<Object> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(convert(a.get(i)));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        if (v instanceof TomlTable t) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : t.keySet()) {
                out.put(k, convert(t.get(List.of(k))));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        return v;
    }

    private static int line(TomlPosition p) {
        return p == null ? 0 : p.line();
    }

    /** tomlj's message, in the words Ruedo's own parser used where they differ. */
    private static String message(TomlParseError e) {
        String m = e.getMessage();
        if (m.startsWith("Invalid escape sequence ")) {
            return "unknown escape " + m.substring("Invalid escape sequence ".length()) + " in string";
        }
        return m;
    }

    /** 1-based line of the first byte sequence that is not UTF-8. */
    private static int firstBadUtf8Line(byte[] b) {
        var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == '\n') {
                try {
                    dec.reset().decode(java.nio.ByteBuffer.wrap(b, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 1;
    }

    /** Sections in file order with their entries (keys outside any section under ""). */
    public Map<String, Map<String, Entry>> sections() {
        return sections;
    }

    /** Line of a section header (or of the first key that made it), 0 if absent. */
    public int sectionLine(String section) {
        return sectionLines.getOrDefault(section, 0);
    }

    /** Index of the first {@code c} that is not inside a {@code "string"} (escapes honoured), or -1. */
    static int indexOutsideStrings(String s, char c) {
        boolean inStr = false;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (inStr) {
                if (x == '\\') {
                    i++;
                } else if (x == '"') {
                    inStr = false;
                }
            } else if (x == '"') {
                inStr = true;
            } else if (x == c) {
                return i;
            }
        }
        return -1;
    }

    /** The line without a {@code #} comment that is not inside a string, and without a trailing CR. */
    static String stripComment(String line) {
        int hash = indexOutsideStrings(line, '#');
        String s = hash < 0 ? line : line.substring(0, hash);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Quotes a string for writing it back. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
