package org.ruedo.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/**
 * {@code ruedo build <project-dir> [--clean] [--jobs N] [--quiet]}: exit 0 when the image is up to date,
 * 1 on compile/link errors, 2 on usage, manifest or toolchain errors.
 */
final class BuildCommand {
    private static final String USAGE = "usage: ruedo build <project-dir> [--clean] [--jobs N] [--quiet]";

    private BuildCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        boolean clean = false;
        boolean quiet = false;
        int jobs = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.println("  --clean     delete build/ first, then build everything");
                    out.println("  --jobs N    run N compilers at once (default: one per processor)");
                    out.println("  --quiet     print only errors");
                    out.println("exit status: 0 built or up to date, 1 compile/link errors, 2 usage, manifest or toolchain errors");
                    return 0;
                }
                case "--clean" -> clean = true;
                case "--quiet", "-q" -> quiet = true;
                case "--jobs", "-j" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                        err.println("ruedo build: --jobs needs a positive number");
                        return 2;
                    }
                    jobs = Math.min(number(args[++i]), 1024);
                }
                default -> {
                    if (args[i].startsWith("-") || dir != null) {
                        err.println("ruedo build: unexpected argument '" + args[i] + "'");
                        return 2;
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            ProjectManifest m = ProjectManifest.load(dir);
            BuildEngine engine = new BuildEngine(Toolchain.fromPath(), jobs);
            // --clean empties build/ under the same hold of the project's lock as the build (strictly serialised)
            // the shell's no-op answer (UpToDateStamp) is valid only for a build that just succeeded; build/ is made
            // first, so that making it does not count as a change of the project directory after the start
            java.nio.file.Files.createDirectories(m.buildDir());
            java.nio.file.attribute.FileTime started = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 1);
            UpToDateStamp.forget(m);
            BuildResult r = engine.build(m, printer(out, err, quiet), new CancelToken(), clean);
            if (r.success()) {
                UpToDateStamp.write(m, r, started);     // best effort: without it the engine decides next time
            }
            return r.success() ? 0 : 1;
        } catch (ManifestException | ToolchainException e) {
            err.println("ruedo build: error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("ruedo build: I/O error: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Builds {@code m} for a command that boots it ({@code command}: "ruedo run", ...): 0 when the image is there, else
     * the exit code after saying why (1 the build failed, 2 no image).
     */
    static int buildImage(Toolchain tools, ProjectManifest m, PrintStream err, boolean quiet, String command)
            throws IOException, ToolchainException {
        BuildResult r = new BuildEngine(tools).build(m, printer(err, err, quiet), new CancelToken());
        if (!r.success()) {
            err.println(command + ": build failed");
            return 1;
        }
        if (!java.nio.file.Files.isRegularFile(m.image())) {
            err.println(command + ": image not found: " + m.image());
            return 2;
        }
        return 0;
    }

    /** A non-negative decimal option value; one too large for an int reads as {@link Integer#MAX_VALUE} (out of every range). */
    static int number(String s) {
        return s.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(s);
    }

    /**
     * Prints build lines: commands and progress to {@code out}; errors and the tools' own output (gcc's
     * source lines and carets under a diagnostic) to {@code err}, so that a redirected log keeps a
     * diagnostic and its context together. {@code quiet}: errors only.
     */
    static BuildListener printer(PrintStream out, PrintStream err, boolean quiet) {
        return new BuildListener() {
            @Override
            public synchronized void line(String text, Kind kind) {
                if (kind == Kind.ERROR || kind == Kind.OUTPUT && !quiet) {
                    out.flush();
                    err.println(text);
                } else if (!quiet) {
                    out.println(kind == Kind.COMMAND ? "  " + text : text);
                }
            }
        };
    }
}
