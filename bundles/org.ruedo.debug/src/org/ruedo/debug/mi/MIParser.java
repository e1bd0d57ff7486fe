package org.ruedo.debug.mi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one parser of GDB/MI output lines. Grammar (GDB manual, "GDB/MI Output Syntax"):
 *
 * <pre>
 * output          := ( out-of-band-record )* [ result-record ] "(gdb)" nl
 * result-record   := [ token ] "^" result-class ( "," result )* nl
 * out-of-band     := async-record | stream-record
 * async-record    := [ token ] ( "*" | "+" | "=" ) async-class ( "," result )* nl
 *                    ("*" exec-async-output, "+" status-async-output, "=" notify-async-output)
 * result-class    := "done" | "running" | "connected" | "error" | "exit"
 * result          := variable "=" value
 * value           := const | tuple | list
 * const           := c-string
 * tuple           := "{}" | "{" result ( "," result )* "}"
 * list            := "[]" | "[" value ( "," value )* "]" | "[" result ( "," result )* "]"
 * stream-record   := ( "~" | "@" | "&" ) c-string
 * c-string        := '"' ( char | '\' ( '"' | '\' | 'n' | 't' | 'r' | 'a' | 'b' | 'f' | 'v' | 'e' | octal{1,3} ) )* '"'
 * token           := digit+
 * </pre>
 * Every line yields a record: a line that does not follow the grammar becomes {@link MIRecord.Unparsed}
 * (with the reason), so garbage never stops the reader. That includes lines cut short anywhere
 * ({@code ^done,a=[}, {@code =x,y=["a",}, {@code ^done,a={b="c"}, {@code ~"abc}): the parser never reads
 * past the end of the line, and values nested deeper than {@link #MAX_DEPTH} are refused rather than
 * recursed into. Octal escapes are bytes of UTF-8 text.
 */
public final class MIParser {
    /** Deepest tuple/list nesting accepted (real gdb output nests a handful of levels). */
    public static final int MAX_DEPTH = 200;

    private final String s;
    private int p;
    private int depth;

    private MIParser(String s) {
        this.s = s;
    }

    /** Parses one line (without its newline). */
    public static MIRecord parse(String line) {
        String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (l.strip().equals("(gdb)")) {
            return new MIRecord.Prompt();
        }
        try {
            return new MIParser(l).record();
        } catch (IllegalArgumentException e) {
            return new MIRecord.Unparsed(l, e.getMessage());
        } catch (RuntimeException e) {
            // a parser bug must not cost the session its reader: the line is still garbage, with the cause
            return new MIRecord.Unparsed(l, "parser failed: " + e);
        }
    }

    private MIRecord record() {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty line");
        }
        char c = s.charAt(0);
        if (c == '~' || c == '@' || c == '&') {
            p = 1;
            String text = cstring();
            end();
            return new MIRecord.Stream(c == '~' ? MIRecord.StreamKind.CONSOLE : c == '@' ? MIRecord.StreamKind.TARGET
                    : MIRecord.StreamKind.LOG, text);
        }
        Integer token = null;
        int start = p;
        while (p < s.length() && Character.isDigit(s.charAt(p))) {
            p++;
        }
        if (p > start) {
            token = Integer.valueOf(s.substring(start, p));
        }
        if (p >= s.length()) {
            throw new IllegalArgumentException("no record type after token");
        }
        char kind = s.charAt(p++);
        String cls = word();
        MIValue.Tuple results = results();
        return switch (kind) {
            case '^' -> new MIRecord.Result(token, cls, results);
            case '*' -> new MIRecord.Async(token, MIRecord.AsyncKind.EXEC, cls, results);
            case '+' -> new MIRecord.Async(token, MIRecord.AsyncKind.STATUS, cls, results);
            case '=' -> new MIRecord.Async(token, MIRecord.AsyncKind.NOTIFY, cls, results);
            default -> throw new IllegalArgumentException("unknown record type '" + kind + "'");
        };
    }

    private String word() {
        int start = p;
        while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '-' || s.charAt(p) == '_')) {
            p++;
        }
        if (p == start) {
            throw new IllegalArgumentException("expected a name at column " + p);
        }
        return s.substring(start, p);
    }

    private MIValue.Tuple results() {
        Map<String, MIValue> m = new LinkedHashMap<>();
        while (p < s.length()) {
            expect(',');
            String name = word();
            expect('=');
            m.putIfAbsent(name, value());
        }
        return MIValue.Tuple.of(m);
    }

    private MIValue value() {
        if (p >= s.length()) {
            throw new IllegalArgumentException("value expected at end of line");
        }
        char c = s.charAt(p);
        if (c == '"') {
            return new MIValue.Const(cstring());
        }
        if (c != '{' && c != '[') {
            throw new IllegalArgumentException("unexpected '" + c + "' at column " + p);
        }
        if (++depth > MAX_DEPTH) {
            throw new IllegalArgumentException("values nested deeper than " + MAX_DEPTH + " at column " + p);
        }
        try {
            return c == '{' ? tuple() : list();
        } finally {
            depth--;
        }
    }

    private MIValue.Tuple tuple() {
        p++;
        Map<String, MIValue> m = new LinkedHashMap<>();
        if (peek('}')) {
            p++;
            return MIValue.Tuple.of(m);
        }
        while (true) {
            String name = word();
            expect('=');
            m.putIfAbsent(name, value());
            if (peek(',')) {
                p++;
            } else {
                expect('}');
                return MIValue.Tuple.of(m);
            }
        }
    }

    private MIValue.ListValue list() {
        p++;
        List<MIValue> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (peek(']')) {
            p++;
            return new MIValue.ListValue(List.of(), List.of());
        }
        while (true) {
            if (p >= s.length()) {
                throw new IllegalArgumentException("list element expected at end of line");
            }
            char d = s.charAt(p);
            if (d == '"' || d == '{' || d == '[') {
                names.add(null);
                values.add(value());
            } else {
                names.add(word());
                expect('=');
                values.add(value());
            }
            if (peek(',')) {
                p++;
            } else {
                expect(']');
                return new MIValue.ListValue(List.copyOf(values), java.util.Collections.unmodifiableList(names));
            }
        }
    }

    private String cstring() {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (p < s.length()) {
            char c = s.charAt(p++);
            if (c == '"') {
                return out.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            if (c != '\\') {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && p < s.length()) {
                    b = new String(new char[] { c, s.charAt(p++) }).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.writeBytes(b);
                continue;
            }
            if (p >= s.length()) {
                break;
            }
            char e = s.charAt(p++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                case 'e' -> out.write(27);
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int i = 0; i < 2 && p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '7'; i++) {
                            v = v * 8 + (s.charAt(p++) - '0');
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write('\\');
                        out.write(e);
                    }
                }
            }
        }
        throw new IllegalArgumentException("unterminated c-string");
    }

    private boolean peek(char c) {
        return p < s.length() && s.charAt(p) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at column " + p
                    + (p < s.length() ? ", found '" + s.charAt(p) + "'" : ", found end of line"));
        }
        p++;
    }

    private void end() {
        if (p != s.length()) {
            throw new IllegalArgumentException("unexpected text after record at column " + p);
        }
    }

    /** Quotes a string as an MI c-string argument. */
    public static String quote(String arg) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
