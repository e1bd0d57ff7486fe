package org.ruedo.core.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.util.Arrays;

/**
 * The {@code ruedo} command line: plain Java, no OSGi. The {@code ./ruedo} script at the repository
 * root compiles this bundle's non-Eclipse packages and runs this class.
 *
 * <pre>
 * ruedo build &lt;project-dir&gt; [--clean] [--jobs N] [--quiet]
 * ruedo run   &lt;project-dir&gt; [--cpus N] [--mem MiB] [--timeout S] [--verbose] [-- qemu-args]
 * ruedo debug &lt;project-dir&gt; [--cpus N] [--port P]
 * ruedo test  &lt;project-dir&gt; [--cpus N[,N...]] [--junit FILE] [--timeout S] [--filter GLOB]
 * ruedo new   &lt;dir&gt; [--template hello|multicore|tests] [--name N] [--cpus N]
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
        try {
            return command(args[0], rest, out, err);
        } catch (InvalidPathException e) {
            err.println("ruedo: error: cannot use the path '" + e.getInput() + "': " + e.getReason() + ". " + fileNameEncodingHint());
            return 2;
        }
    }

    /**
     * Why a path may not be representable: the JVM names files in the locale's encoding
     * ({@code sun.jnu.encoding}), ASCII under {@code LC_ALL=C} or an unset {@code LANG}.
     */
    static String fileNameEncodingHint() {
        String jnu = System.getProperty("sun.jnu.encoding", "?");
        if (jnu.equalsIgnoreCase("UTF-8")) {
            return "";
        }
        return "This JVM names files in " + jnu + " (from the locale: LC_ALL=" + System.getenv().getOrDefault("LC_ALL", "")
                + ", LC_CTYPE=" + System.getenv().getOrDefault("LC_CTYPE", "") + ", LANG=" + System.getenv().getOrDefault("LANG", "")
                + "), which cannot spell non-ASCII file names; run it under a UTF-8 locale, e.g. LC_ALL=C.UTF-8 "
                + "(the ./ruedo script does so itself)";
    }

    /**
     * How a command that boots the image ends on an exception: a manifest or toolchain error (exit 2, its message),
     * an I/O error (exit 2), or an interrupt (103, as a kill).
     */
    static int failure(String command, Exception e, PrintStream err) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return 103;
        }
        err.println(command + (e instanceof java.io.IOException ? ": I/O error: " : ": error: ") + e.getMessage());
        return 2;
    }

    private static int command(String name, String[] rest, PrintStream out, PrintStream err) {
        return switch (name) {
            case "build" -> BuildCommand.run(rest, out, err);
            case "run" -> RunCommand.run(rest, out, err);
            case "debug" -> DebugCommand.run(rest, out, err);
            case "test" -> TestCommand.run(rest, out, err);
            case "new" -> NewCommand.run(rest, out, err);
            case "--cds-training" -> StartupTraining.run(rest, out, err);
            default -> {
                err.println("ruedo: unknown command '" + name + "'");
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
        s.println("  test  <project-dir> [--cpus N[,N...]] [--junit FILE] [--timeout S] [--filter GLOB]");
        s.println("        boot the app's KTEST cases once per CPU count; one line per case, JUnit XML for CI");
        s.println("  new   <dir> [--template hello|multicore|tests] [--name N] [--cpus N]");
        s.println("        create a project (kernel copied in, manifest, app) as File > New > Unikernel Project does");
        s.println("  short forms: -j (--jobs), -q (--quiet), -v (--verbose), -h (--help)");
    }
}
