package org.ruedo.core.cli;

import java.io.PrintStream;

/** {@code ruedo run}: placeholder until implemented; always fails. */
final class RunCommand {
    private RunCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("ruedo run: not implemented yet");
        return 2;
    }
}
