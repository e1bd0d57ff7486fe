package org.ruedo.core.cli;

import java.io.PrintStream;

/** {@code ruedo build}: placeholder until implemented; always fails. */
final class BuildCommand {
    private BuildCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("ruedo build: not implemented yet");
        return 2;
    }
}
