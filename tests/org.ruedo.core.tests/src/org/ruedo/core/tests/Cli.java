package org.ruedo.core.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.ruedo.core.cli.Main;

/** One in-process {@code ruedo} call ({@code org.ruedo.core.cli.Main.run}): exit code, stdout and stderr. */
record Cli(int code, String out, String err) {
    static Cli ruedo(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** stdout then stderr, for failure messages. */
    String all() {
        return out + err;
    }
}
