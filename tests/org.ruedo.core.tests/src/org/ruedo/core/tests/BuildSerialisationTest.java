package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;

/**
 * Builds of one project are strictly serialised (CONTRACTS.md §2), clean or not, CLI or IDE: on a 300-file
 * project, {@code ruedo build --clean}, a plain {@code ruedo build} (two CLI processes) and an in-JVM clean
 * build (the engine the IDE builder runs) are started together. gcc is a wrapper that logs the time of
 * every start and end with the pid of the process that ran it (the build's JVM); the builds' compile
 * spans must not overlap, and every build succeeds. (Before, --clean deleted build/.lock under a waiting
 * build, and the two then compiled into the same build/ at once.)
 */
class BuildSerialisationTest {
    private static final int FILES = 300;

    @TempDir
    Path tmp;

    @Test
    void cleanAndPlainBuildsFromTheCliAndTheIdeNeverOverlap() throws Exception {
        Path ruedo = Fixtures.root().resolve("ruedo");
        assertEquals(0, new ProcessBuilder(ruedo.toString(), "--help").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(), "./ruedo runs (its engine jar is built first)");
        Path dir = project(tmp.resolve("p300"));
        Path log = tmp.resolve("gcc.log");
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path real = Toolchain.fromPath().require(Tool.GCC);
        Path gcc = bin.resolve("gcc");
        Files.writeString(gcc, "#!/bin/sh\necho \"start $(date +%s%N) $PPID\" >> '" + log + "'\n'" + real + "' \"$@\"\nrc=$?\n"
                + "echo \"end $(date +%s%N) $PPID\" >> '" + log + "'\nexit $rc\n");
        assertTrue(gcc.toFile().setExecutable(true));

        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> builds = new ArrayList<>();
            builds.add(threads.submit(() -> cli(ruedo, bin, "build", "--clean", "-q", "-j", "2", dir.toString())));
            builds.add(threads.submit(() -> cli(ruedo, bin, "build", "-q", "-j", "2", dir.toString())));
            builds.add(threads.submit(() -> {
                BuildResult r = new BuildEngine(Toolchain.withOverrides(Map.of(Tool.GCC, gcc)), 2).build(ProjectManifest.load(dir),
                        BuildListener.NONE, new CancelToken(), true);
                return r.success() ? 0 : 1;
            }));
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> b : builds) {
                codes.add(b.get(15, TimeUnit.MINUTES));      // all three ended before anything is asserted
            }
            assertEquals(List.of(0, 0, 0), codes, "every build succeeds (--clean CLI, plain CLI, in-JVM clean)");
        } finally {
            threads.shutdownNow();
        }

        // per build (the pid that ran its gcc): [first start, last end] and how many compiles
        Map<Long, long[]> spans = new TreeMap<>();
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] f = l.split(" ");
            long t = Long.parseLong(f[1]);
            long[] s = spans.computeIfAbsent(Long.parseLong(f[2]), k -> new long[] { Long.MAX_VALUE, Long.MIN_VALUE, 0 });
            if (f[0].equals("start")) {
                s[0] = Math.min(s[0], t);
                s[2]++;
            } else {
                s[1] = Math.max(s[1], t);
            }
        }
        List<long[]> ordered = new ArrayList<>(spans.values());
        ordered.sort((a, b) -> Long.compare(a[0], b[0]));
        assertTrue(ordered.stream().filter(s -> s[2] >= FILES).count() >= 2,
                "both clean builds compiled every file: " + describe(spans));
        for (int i = 1; i < ordered.size(); i++) {
            long[] before = ordered.get(i - 1);
            long[] after = ordered.get(i);
            assertTrue(before[1] < after[0], "a build's compiles began " + (before[1] - after[0]) / 1_000_000 + " ms before the previous one's "
                    + "ended: " + describe(spans));
        }
    }

    private static int cli(Path ruedo, Path bin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ruedo.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            System.err.println("ruedo " + String.join(" ", args) + " exited " + rc + ":\n" + out);
        }
        return rc;
    }

    /** A project of {@value #FILES} compiled files: the real kernel's, main.c, and small app files under src/. */
    private static Path project(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"p300\"\nkernel = \"" + Fixtures.kernel()
                + "\"\n[app]\nsources = [\"*.c\", \"src/*.c\"]\n");
        int app = FILES - Fixtures.kernelSourceCount() - 1;
        StringBuilder main = new StringBuilder("#include <ruedo.h>\n");
        for (int i = 0; i < app; i++) {
            main.append("int f").append(i).append("(void);\n");
            Files.writeString(dir.resolve("src/f" + i + ".c"), "int f" + i + "(void)\n{\n    return " + i + ";\n}\n");
        }
        main.append("int main(void)\n{\n    return f0();\n}\n");
        Files.writeString(dir.resolve("main.c"), main.toString());
        return dir;
    }

    private static String describe(Map<Long, long[]> spans) {
        StringBuilder sb = new StringBuilder();
        spans.forEach((pid, s) -> sb.append(String.format("pid %d: %d compiles, %d..%d ms; ", pid, s[2], s[0] / 1_000_000 % 1_000_000,
                s[1] / 1_000_000 % 1_000_000)));
        return sb.toString();
    }
}
