package org.ruedo.launch.qmp;

/**
 * A QMP command that failed: QEMU answered with an {@code error} ({@link #errorClass()} is its
 * {@code class}, e.g. {@code GenericError}, {@code CommandNotFound}), or the monitor was unreachable,
 * closed or too slow ({@link #errorClass()} is null).
 */
public final class QmpException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String errorClass;

    public QmpException(String message) {
        this(null, message);
    }

    public QmpException(String errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    /** QEMU's error class, or null when the failure was not an answer from QEMU. */
    public String errorClass() {
        return errorClass;
    }
}
