package org.ruedo.debug.mi;

/** A command failed: gdb answered {@code ^error}, timed out, or gdb went away. */
public class MIException extends Exception {
    private static final long serialVersionUID = 1L;

    public MIException(String message) {
        super(message);
    }

    public MIException(String message, Throwable cause) {
        super(message, cause);
    }
}
