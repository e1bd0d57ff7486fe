package org.ruedo.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ruedo.core.ktest.JUnitReport;
import org.ruedo.core.ktest.KtestCase;
import org.ruedo.core.ktest.KtestRunner;
import org.ruedo.core.ktest.KtestSuite;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/**
 * {@code ruedo test <project-dir> [--cpus N[,N...]] [--junit FILE] [--timeout S] [--filter GLOB]}: builds the
 * project, boots it once per CPU count ({@link KtestRunner}), prints one line per case ({@code PASS name (12 ms)},
 * {@code FAIL name: message at file:line}, {@code ERROR name: ...} for a crash or a hang) and
 * {@code N passed, N failed} (crashes and hangs count as failed; {@code , N skipped} when some were), writes JUnit
 * XML with {@code --junit}. Exit 0 when every case passed (and there was one), 1 otherwise or when the build
 * failed, 2 on usage, manifest or toolchain errors.
 */
final class TestCommand {
    static final String USAGE = "usage: ruedo test <project-dir> [--cpus N[,N...]] [--junit FILE] [--timeout S] [--filter GLOB]";
    /** A case's time limit when neither --timeout nor [run] timeout gives one. */
    static final int DEFAULT_TIMEOUT = 60;

    private TestCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        List<Integer> cpuList = new ArrayList<>();
        Path junit = null;
        Integer timeout = null;
        String filter = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.println("  --cpus N[,N...]  boot once per CPU count, each 1..8 (default: [run] cpus)");
                    out.println("  --junit FILE     write a JUnit XML report (one testsuite per CPU count)");
                    out.println("  --timeout S      a case with no result after S seconds is an error, 1..86400 (default: [run] timeout, or "
                            + DEFAULT_TIMEOUT + ")");
                    out.println("  --filter GLOB    only the cases whose name matches ('*' and '?'; letters, digits, '_')");
                    out.println("exit status: 0 every case passed; 1 a case failed, crashed or hung, no case ran, or the build failed;");
                    out.println("  2 usage, manifest or toolchain error");
                    return 0;
                }
                case "--cpus", "--junit", "--timeout", "--filter" -> {
                    if (i + 1 >= args.length) {
                        err.println("ruedo test: " + a + " needs a value");
                        return 2;
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--cpus" -> {
                            if (!v.matches("[0-9]+(,[0-9]+)*")) {
                                err.println("ruedo test: --cpus needs numbers separated by commas, e.g. 1,2,4");
                                return 2;
                            }
                            for (String n : v.split(",")) {
                                int c = BuildCommand.number(n);
                                if (c < 1 || c > 8) {
                                    err.println("ruedo test: --cpus values must be 1..8");
                                    return 2;
                                }
                                if (!cpuList.contains(c)) {
                                    cpuList.add(c);
                                }
                            }
                        }
                        case "--junit" -> junit = Path.of(v);
                        case "--timeout" -> {
                            if (!v.matches("[0-9]+") || BuildCommand.number(v) < 1 || BuildCommand.number(v) > 86400) {
                                err.println("ruedo test: --timeout must be 1..86400 seconds");
                                return 2;
                            }
                            timeout = BuildCommand.number(v);
                        }
                        default -> {
                            if (!v.matches("[A-Za-z0-9_*?]+")) {
                                err.println("ruedo test: --filter takes a case-name glob: letters, digits, '_', '*' and '?'");
                                return 2;
                            }
                            filter = v;
                        }
                    }
                }
                default -> {
                    if (a.startsWith("-") || dir != null) {
                        err.println("ruedo test: unexpected argument '" + a + "'");
                        return 2;
                    }
                    dir = Path.of(a);
                }
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        Toolchain tools = Toolchain.fromPath();
        try {
            ProjectManifest m = ProjectManifest.load(dir);
            Path qemu = tools.require(Tool.QEMU);
            int built = BuildCommand.buildImage(tools, m, err, true, "ruedo test");
            if (built != 0) {
                return built;
            }
            if (cpuList.isEmpty()) {
                cpuList.add(m.cpus());
            }
            int perCase = timeout != null ? timeout : m.timeout() > 0 ? m.timeout() : DEFAULT_TIMEOUT;
            KtestRunner runner = new KtestRunner(() -> new QemuCommand().qemu(qemu).image(m.image()).memory(m.memoryMiB())
                    .extraArgs(m.qemuArgs()), m.dir(), c -> tools.find(Tool.ADDR2LINE).map(a2l -> c.resolve(a2l, m.elf())).orElse(c));
            List<KtestSuite> suites = new ArrayList<>();
            KtestRunner.Listener printer = (cpus, c) -> {
                out.println(line(c));
                if (!c.detail().isEmpty()) {
                    c.detail().lines().forEach(l -> out.println("    " + l));
                }
                out.flush();
            };
            for (int cpus : cpuList) {
                out.println("ruedo test: " + m.name() + " on " + cpus + " CPU(s)" + (filter != null ? ", cases matching " + filter : ""));
                KtestSuite s = runner.run(m.name(), cpus, filter, perCase, printer);
                if (s.error() != null) {
                    out.println("ERROR " + s.error());
                } else if (s.cases().isEmpty()) {
                    out.println("ERROR no test case " + (filter != null ? "matches --filter " + filter : "in the image"));
                }
                suites.add(s);
            }
            long passed = suites.stream().mapToLong(s -> s.count(KtestCase.Status.PASS)).sum();
            long failed = suites.stream().mapToLong(KtestSuite::failedCount).sum();
            long skipped = suites.stream().mapToLong(s -> s.count(KtestCase.Status.SKIP)).sum();
            out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
            if (junit != null) {
                JUnitReport.write(suites, junit);
                err.println("ruedo: JUnit report " + junit.toAbsolutePath());
            }
            return suites.stream().allMatch(KtestSuite::passed) ? 0 : 1;
        } catch (ManifestException | ToolchainException | IOException | InterruptedException e) {
            return Main.failure("ruedo test", e, err);
        }
    }

    /** {@code PASS name (12 ms)}, {@code FAIL name: message at file:line}, {@code ERROR name: ...}, {@code SKIP name: why}. */
    static String line(KtestCase c) {
        return switch (c.status()) {
            case PASS -> "PASS " + c.name() + " (" + c.millis() + " ms)";
            case SKIP -> "SKIP " + c.name() + (c.message().isEmpty() ? "" : ": " + c.message());
            case FAIL -> "FAIL " + c.name() + ": " + c.message() + (c.file() != null ? " at " + c.location() : "");
            case ERROR -> "ERROR " + c.name() + ": " + c.message() + (c.file() != null && !c.message().contains(c.location()) ? " at " + c.location() : "");
        };
    }
}
