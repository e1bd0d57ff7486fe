package org.ruedo.core.cli;

import java.io.PrintStream;

/** {@code ruedo debug}: placeholder until implemented; always fails. */
final class DebugCommand {
    private DebugCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("ruedo debug: not implemented yet");
        return 2;
    }
}
