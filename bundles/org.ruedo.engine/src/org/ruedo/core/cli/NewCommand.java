package org.ruedo.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.ruedo.core.project.ProjectTemplate;

/**
 * {@code ruedo new <dir> [--template hello|multicore|tests] [--name N] [--cpus N]}: creates the project File &gt; New
 * &gt; Unikernel Project creates ({@link ProjectTemplate}: the kernel copied into {@code kernel/}, manifest, app) in a new
 * or empty directory, and prints the next command. The kernel tree is this installation's {@code kernel/}.
 * Exit 0 created, 2 usage error, a non-empty directory or an unknown template (nothing written).
 */
final class NewCommand {
    static final String USAGE = "usage: ruedo new <dir> [--template hello|multicore|tests] [--name N] [--cpus N]";

    private NewCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        String template = "hello";
        String name = null;
        int cpus = 1;           // the wizard's default
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.println("  --template T   the app to start from (default hello); tests: KTEST cases run by ruedo test");
                    out.println("  --name N       project name (default: the directory's name)");
                    out.println("  --cpus N       [run] cpus, 1..8 (default 1)");
                    out.println("exit status: 0 created; 2 usage error, directory not empty or unknown template (nothing written)");
                    return 0;
                }
                case "--template", "--name", "--cpus" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        err.println("ruedo new: " + args[i] + " needs a value");
                        return 2;
                    }
                    String v = args[++i];
                    if (args[i - 1].equals("--template")) {
                        template = v;
                    } else if (args[i - 1].equals("--name")) {
                        name = v.trim();
                    } else if (!v.matches("[1-8]")) {
                        err.println("ruedo new: --cpus must be 1..8");
                        return 2;
                    } else {
                        cpus = Integer.parseInt(v);
                    }
                }
                default -> {
                    if (args[i].startsWith("-") || dir != null) {
                        err.println("ruedo new: unexpected argument '" + args[i] + "'");
                        return 2;
                    }
                    dir = Path.of(args[i]).toAbsolutePath().normalize();
                }
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        Path kernel = kernelTree();
        if (kernel == null) {
            err.println("ruedo new: error: cannot find this installation's kernel/ (the template); set -Druedo.kernel=DIR");
            return 2;
        }
        ProjectTemplate.Source src = ProjectTemplate.directory(kernel);
        try {
            List<String> templates = ProjectTemplate.templates(src);
            if (!templates.contains(template)) {
                err.println("ruedo new: unknown template '" + template + "' (choose one of: " + String.join(", ", templates) + ")");
                return 2;
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                err.println("ruedo new: " + dir + " is a file, not a directory");
                return 2;
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        err.println("ruedo new: " + dir + " is not empty; choose a new or empty directory (nothing was written)");
                        return 2;
                    }
                }
            }
            String project = name != null && !name.isEmpty() ? name : dir.getFileName().toString();
            ProjectTemplate.create(src, dir, template, project, cpus);
            out.println("ruedo: created " + dir + " (template " + template + ", " + cpus + " CPU(s))");
            String cmd = template.equals("tests") ? "test" : "run";
            out.println("next: ./ruedo " + cmd + " " + org.ruedo.core.qemu.QemuCommand.display(List.of(dir.toString())));
            return 0;
        } catch (IOException e) {
            err.println("ruedo new: I/O error: " + e.getMessage());
            return 2;
        }
    }

    /** This installation's kernel/: -Druedo.kernel, else the first kernel/kernel.toml above where these classes live. */
    static Path kernelTree() {
        String prop = System.getProperty("ruedo.kernel");
        if (prop != null) {
            return Files.isRegularFile(Path.of(prop, "kernel.toml")) ? Path.of(prop) : null;
        }
        try {
            Path p = Path.of(NewCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("kernel/kernel.toml"))) {
                    return p.resolve("kernel");
                }
            }
        } catch (RuntimeException | java.net.URISyntaxException e) {
            // not a file location (e.g. inside an OSGi bundle): no default
        }
        return null;
    }
}
