package org.ruedo.core.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of a parsed {@link Toml} and rejects anything the schema does not know: unknown
 * sections and keys, and values of another type (a table, a float or a date where a string, an integer,
 * a boolean or an array of strings is expected), each at its line.
 */
final class SchemaReader {
    private final Path file;
    private final Toml toml;

    SchemaReader(Path file, Toml toml, Map<String, Set<String>> schema) throws ManifestException {
        this.file = file;
        this.toml = toml;
        for (var sec : toml.sections().entrySet()) {
            Set<String> keys = schema.get(sec.getKey());
            if (keys == null) {
                int line = toml.sectionLine(sec.getKey());
                if (line == 0 && !sec.getValue().isEmpty()) {
                    line = sec.getValue().values().iterator().next().line();
                }
                throw new ManifestException(file, line, sec.getKey().isEmpty()
                        ? "keys must be inside a section; known sections: " + new TreeSet<>(schema.keySet())
                        : "unknown section [" + sec.getKey() + "]; known sections: " + new TreeSet<>(schema.keySet()));
            }
            for (Toml.Entry e : sec.getValue().values()) {
                if (!keys.contains(e.key())) {
                    throw new ManifestException(file, e.line(), "unknown key '" + e.key() + "' in [" + e.section()
                            + "]; known keys: " + new TreeSet<>(keys));
                }
            }
        }
    }

    private Toml.Entry entry(String section, String key) {
        Map<String, Toml.Entry> m = toml.sections().get(section);
        return m == null ? null : m.get(key);
    }

    String string(String section, String key, String def, String pattern, String patternHelp) throws ManifestException {
        Toml.Entry e = entry(section, key);
        if (e == null) {
            if (def == null) {
                // at the section header, or line 1 when the whole section is missing
                throw new ManifestException(file, Math.max(1, toml.sectionLine(section)),
                        "missing required key '" + key + "' in [" + section + "]");
            }
            return def;
        }
        if (!(e.value() instanceof String s)) {
            throw new ManifestException(file, e.line(), "'" + key + "' must be a \"string\", found " + describe(e.value()));
        }
        if (s.indexOf('\0') >= 0) {       // no path, flag or argument can hold one
            throw new ManifestException(file, e.line(), "'" + key + "' must not contain a NUL character (\\u0000)");
        }
        if (pattern != null && !s.matches(pattern)) {
            throw new ManifestException(file, e.line(), "bad value for '" + key + "': \"" + s + "\" (" + patternHelp + ")");
        }
        return s;
    }

    long integer(String section, String key, long def, long min, long max) throws ManifestException {
        Toml.Entry e = entry(section, key);
        if (e == null) {
            return def;
        }
        if (!(e.value() instanceof Long v)) {
            throw new ManifestException(file, e.line(), "'" + key + "' must be an integer, found " + describe(e.value()));
        }
        if (v < min || v > max) {
            throw new ManifestException(file, e.line(), "'" + key + "' = " + v + " is out of range " + min + ".." + max);
        }
        return v;
    }

    boolean bool(String section, String key, boolean def) throws ManifestException {
        Toml.Entry e = entry(section, key);
        if (e == null) {
            return def;
        }
        if (!(e.value() instanceof Boolean b)) {
            throw new ManifestException(file, e.line(), "'" + key + "' must be true or false, found " + describe(e.value()));
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String section, String key, List<String> def) throws ManifestException {
        Toml.Entry e = entry(section, key);
        if (e == null) {
            return def;
        }
        if (!(e.value() instanceof List<?>)) {
            throw new ManifestException(file, e.line(), "'" + key + "' must be an array of strings like [\"a\", \"b\"], found "
                    + describe(e.value()));
        }
        List<?> values = (List<?>) e.value();
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof String)) {
                throw new ManifestException(file, e.elementLine(i), "array '" + key + "' may only hold \"strings\", found: "
                        + describe(values.get(i)));
            }
            if (((String) values.get(i)).indexOf('\0') >= 0) {
                throw new ManifestException(file, e.elementLine(i), "'" + key + "' element " + (i + 1)
                        + " must not contain a NUL character (\\u0000)");
            }
        }
        return (List<String>) values;
    }

    /** {@link #strings} whose every element must be a valid glob (an error names the element's line). */
    List<String> globs(String section, String key, List<String> def) throws ManifestException {
        List<String> globs = strings(section, key, def);
        for (int i = 0; i < globs.size(); i++) {
            String why = SourceGlobs.syntaxError(globs.get(i));
            if (why != null) {
                throw new ManifestException(file, elementLine(section, key, i), "invalid glob \"" + globs.get(i) + "\" in '"
                        + key + "': " + why);
            }
        }
        return globs;
    }

    /** {@link #strings} whose every element must name an existing directory relative to {@code base}. */
    List<String> dirs(String section, String key, List<String> def, Path base) throws ManifestException {
        List<String> dirs = strings(section, key, def);
        for (int i = 0; i < dirs.size(); i++) {
            Path d = base.resolve(dirs.get(i)).normalize();
            if (!java.nio.file.Files.isDirectory(d)) {
                throw new ManifestException(file, elementLine(section, key, i), "'" + key + "' directory \"" + dirs.get(i)
                        + "\" not found: " + d);
            }
        }
        return dirs;
    }

    /** Line of element {@code i} of an array value (the key's line when unknown). */
    int elementLine(String section, String key, int i) {
        Toml.Entry e = entry(section, key);
        return e == null ? toml.sectionLine(section) : e.elementLine(i);
    }

    int line(String section, String key) {
        Toml.Entry e = entry(section, key);
        return e == null ? toml.sectionLine(section) : e.line();
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof Map<?, ?>) {
            return "a table";
        }
        return v.toString();
    }
}
