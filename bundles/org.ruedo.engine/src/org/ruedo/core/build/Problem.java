package org.ruedo.core.build;

import java.nio.file.Path;

/**
 * One diagnostic from gcc, gas or ld.
 *
 * @param file     absolute path, or null when the tool named no file (e.g. {@code ld: cannot find -lfoo})
 * @param line     1-based line, 0 if unknown
 * @param column   1-based column, 0 if unknown
 * @param severity error, warning or info (gcc's notes)
 * @param message  the tool's message
 */
public record Problem(Path file, int line, int column, Severity severity, String message) {
    /** How bad a problem is. */
    public enum Severity {
        ERROR, WARNING, INFO
    }

    @Override
    public String toString() {
        return (file == null ? "" : file + ":" + (line > 0 ? line + ":" : "") + (column > 0 ? column + ":" : "") + " ")
                + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
