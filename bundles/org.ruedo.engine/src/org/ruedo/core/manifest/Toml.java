package org.ruedo.core.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The TOML subset Ruedo manifests use, parsed with line numbers so every error can name its line.
 *
 * <pre>
 * file    := { line }
 * line    := ws [ section | pair ] ws [ comment ] NEWLINE
 * section := "[" name "]"
 * pair    := key ws "=" ws value
 * key     := [A-Za-z0-9_-]+
 * value   := string | integer | "true" | "false" | array
 * string  := '"' { char | "\" ( '"' | "\" | "n" | "t" ) } '"'
 * integer := [ "-" ] digit { digit }
 * array   := "[" ws [ string { ws "," ws string } [ "," ] ] ws "]"      (may span lines; comments allowed)
 * comment := "#" { any }
 * </pre>
 *
 * Duplicate sections or keys are errors. Values are {@link String}, {@link Long}, {@link Boolean} or
 * {@code List<String>}.
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

    private final Path file;
    private final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
    private final Map<String, Integer> sectionLines = new LinkedHashMap<>();

    private Toml(Path file) {
        this.file = file;
    }

    /** Parses a file. */
    public static Toml parse(Path file) throws ManifestException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses text; {@code file} names it in errors. */
    public static Toml parse(Path file, String text) throws ManifestException {
        Toml t = new Toml(file);
        t.run(text);
        return t;
    }

    /** Sections in file order with their entries. */
    public Map<String, Map<String, Entry>> sections() {
        return sections;
    }

    /** Line of a section header, 0 if absent. */
    public int sectionLine(String section) {
        return sectionLines.getOrDefault(section, 0);
    }

    private void run(String text) throws ManifestException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);       // a byte-order mark some editors write
        }
        String[] lines = text.split("\n", -1);
        String section = "";
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String s = stripComment(lines[i]).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("[")) {
                if (!s.endsWith("]") || s.length() < 3) {
                    throw err(lineNo, "malformed section header '" + s + "'");
                }
                section = s.substring(1, s.length() - 1).strip();
                if (!section.matches("[A-Za-z0-9_.-]+")) {
                    throw err(lineNo, "invalid section name '" + section + "'");
                }
                if (sections.containsKey(section)) {
                    throw err(lineNo, "section [" + section + "] appears twice (first at line " + sectionLines.get(section) + ")");
                }
                sections.put(section, new LinkedHashMap<>());
                sectionLines.put(section, lineNo);
                continue;
            }
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw err(lineNo, "expected 'key = value' or '[section]', found '" + s + "'");
            }
            String key = s.substring(0, eq).strip();
            if (!key.matches("[A-Za-z0-9_-]+")) {
                throw err(lineNo, "invalid key '" + key + "'");
            }
            String raw = s.substring(eq + 1).strip();
            // arrays may continue on following lines
            // (lineStarts: where each joined line begins in raw, so an error names the element's own line)
            List<Integer> lineStarts = new ArrayList<>(List.of(0));
            if (raw.startsWith("[")) {
                StringBuilder sb = new StringBuilder(raw);
                while (indexOutsideStrings(sb.toString(), ']') < 0) {
                    i++;
                    if (i >= lines.length) {
                        throw err(lineNo, "array for '" + key + "' is not closed with ']'");
                    }
                    sb.append(' ');
                    lineStarts.add(sb.length());
                    sb.append(stripComment(lines[i]).strip());
                }
                raw = sb.toString();
            }
            int first = lineNo;
            IntUnaryOperator lineAt = pos -> {
                int n = 0;
                while (n + 1 < lineStarts.size() && lineStarts.get(n + 1) <= pos) {
                    n++;
                }
                return first + n;
            };
            List<Integer> elementLines = new ArrayList<>();
            Object value = parseValue(raw, lineNo, lineAt, key, elementLines);
            Map<String, Entry> m = sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
            if (m.containsKey(key)) {
                throw err(lineNo, "key '" + key + "' appears twice (first at line " + m.get(key).line() + ")");
            }
            m.put(key, new Entry(section, key, value, lineNo, List.copyOf(elementLines)));
        }
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

    /**
     * Parses a value starting on {@code line}; {@code lineAt} maps a position in a joined multi-line array to its line,
     * {@code elementLines} receives the line of each array element.
     */
    private Object parseValue(String raw, int line, IntUnaryOperator lineAt, String key, List<Integer> elementLines)
            throws ManifestException {
        if (raw.isEmpty()) {
            throw err(line, "missing value for '" + key + "'");
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        if (raw.matches("-?[0-9]+")) {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw err(line, "integer out of range for '" + key + "': " + raw);
            }
        }
        if (raw.startsWith("\"")) {
            int[] end = new int[1];
            String s = parseString(raw, 0, end, line);
            if (end[0] != raw.length()) {
                throw err(line, "unexpected text after string value of '" + key + "': " + raw.substring(end[0]));
            }
            return s;
        }
        if (raw.startsWith("[")) {
            List<String> list = new ArrayList<>();
            int p = 1;
            while (true) {
                p = skipWs(raw, p);
                if (p >= raw.length()) {
                    throw err(line, "array for '" + key + "' is not closed with ']'");
                }
                if (raw.charAt(p) == ']') {
                    p++;
                    break;
                }
                if (raw.charAt(p) != '"') {
                    throw err(lineAt.applyAsInt(p), "array '" + key + "' may only hold \"strings\", found: " + raw.substring(p));
                }
                int[] end = new int[1];
                elementLines.add(lineAt.applyAsInt(p));
                list.add(parseString(raw, p, end, lineAt.applyAsInt(p)));
                p = skipWs(raw, end[0]);
                if (p < raw.length() && raw.charAt(p) == ',') {
                    p++;
                } else if (p < raw.length() && raw.charAt(p) == ']') {
                    p++;
                    break;
                } else {
                    throw err(lineAt.applyAsInt(p), "expected ',' or ']' in array '" + key + "'");
                }
            }
            if (skipWs(raw, p) != raw.length()) {
                throw err(lineAt.applyAsInt(p), "unexpected text after array '" + key + "': " + raw.substring(p).strip());
            }
            return List.copyOf(list);
        }
        throw err(line, "cannot parse value of '" + key + "': " + raw
                + " (expected \"string\", integer, true/false or [\"array\"])");
    }

    private static int skipWs(String s, int p) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private String parseString(String raw, int start, int[] end, int line) throws ManifestException {
        StringBuilder sb = new StringBuilder();
        for (int i = start + 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                end[0] = i + 1;
                return sb.toString();
            }
            if (c == '\\') {
                if (++i >= raw.length()) {
                    break;
                }
                char e = raw.charAt(i);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    default -> throw err(line, "unknown escape '\\" + e + "' in string");
                }
            } else {
                sb.append(c);
            }
        }
        throw err(line, "string is not closed with '\"'");
    }

    private ManifestException err(int line, String msg) {
        return new ManifestException(file, line, msg);
    }

    /** Quotes a string for writing it back. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
