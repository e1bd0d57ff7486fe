package org.ruedo.core.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code ruedo} command line: plain Java, no OSGi. The {@code ./ruedo} script at the repository
 * root compiles this bundle's non-Eclipse packages and runs this class.
 *
 * <pre>
 * ruedo build &lt;project-dir&gt; [--clean] [--jobs N] [--quiet]
 * ruedo run   &lt;project-dir&gt; [--cpus N] [--mem MiB] [--timeout S] [--verbose] [-- qemu-args]
 * ruedo debug &lt;project-dir&gt; [--cpus N] [--port P]
 * </pre>
 * {@link #usage} prints these with what they do; {@code ruedo <command> --help} details one command.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one sub-command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "build" -> BuildCommand.run(rest, out, err);
            case "run" -> RunCommand.run(rest, out, err);
            case "debug" -> DebugCommand.run(rest, out, err);
            case "--cds-training" -> StartupTraining.run(rest, out, err);
            default -> {
                err.println("ruedo: unknown command '" + args[0] + "'");
                usage(err);
                yield 2;
            }
        };
    }

    static void usage(PrintStream s) {
        s.println("usage: ruedo <command> <project-dir> [options]      (ruedo <command> --help: details)");
        s.println("  build <project-dir> [--clean] [--jobs N] [--quiet]");
        s.println("        compile and link kernel + app into build/<name>.elf and build/<name>.img");
        s.println("  run   <project-dir> [--cpus N] [--mem MiB] [--timeout S] [--verbose] [-- qemu-args]");
        s.println("        build if needed, boot in QEMU, serial on the terminal; exits with the app's code");
        s.println("  debug <project-dir> [--cpus N] [--port P]");
        s.println("        boot frozen with a gdbstub on 127.0.0.1 and print the gdb command line to attach");
        s.println("  short forms: -j (--jobs), -q (--quiet), -v (--verbose), -h (--help)");
    }
}
