package org.ruedo.core.toolchain;

/** A tool Ruedo needs is missing; the message names the Debian package that provides it. */
public class ToolchainException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Tool tool;

    public ToolchainException(Tool tool, String message) {
        super(message);
        this.tool = tool;
    }

    /** The missing tool. */
    public Tool tool() {
        return tool;
    }
}
