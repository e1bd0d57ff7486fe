package org.ruedo.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code ./ruedo} runs once after it compiled the engine, under {@code -XX:ArchiveClassesAtExit}: the
 * start paths a user takes (usage, a full build, a no-op build, a manifest error), so that the class-data
 * archive it leaves (.ruedo-cli/engine.jsa) holds their classes and later runs start without loading or
 * verifying them. Not a user command ({@code ruedo --cds-training DIR KERNEL} is not in the usage).
 */
final class StartupTraining {
    private StartupTraining() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("ruedo --cds-training: needs a scratch directory and a kernel directory");
            return 2;
        }
        Path dir = Path.of(args[0]);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"train\"\nkernel = \""
                    + args[1].replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n\n[app]\nsources = [\"*.c\"]\n");
            Files.writeString(dir.resolve("main.c"), "#include <ruedo.h>\n\nint main(void)\n{\n    printk(\"hi\\n\");\n    return 0;\n}\n");
            Main.run(new String[] { "--help" }, quiet, quiet);
            int full = Main.run(new String[] { "build", "-q", dir.toString() }, quiet, quiet);
            int noop = Main.run(new String[] { "build", "-q", dir.toString() }, quiet, quiet);
            Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = 1\n");
            Main.run(new String[] { "build", "-q", dir.toString() }, quiet, quiet);
            return full == 0 && noop == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("ruedo --cds-training: " + e.getMessage());
            return 1;
        }
    }
}
