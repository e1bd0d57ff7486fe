package org.ruedo.core.manifest;

import java.nio.file.Path;

/** A manifest that cannot be used; the message reads {@code unikernel.toml:LINE: what is wrong}. */
public class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Path file;
    private final int line;
    private final String detail;

    public ManifestException(Path file, int line, String detail) {
        super((file == null ? "manifest" : file.getFileName().toString()) + (line > 0 ? ":" + line : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The manifest file. */
    public Path file() {
        return file;
    }

    /** 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The message without the file:line prefix. */
    public String detail() {
        return detail;
    }
}
