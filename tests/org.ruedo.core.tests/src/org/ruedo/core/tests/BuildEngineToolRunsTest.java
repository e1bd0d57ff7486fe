package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
 * Which tools the engine really starts, seen from outside: gcc, ld, objcopy and nm are configured as
 * wrapper scripts that append a line per call to a log and then run the real tool. The engine's own
 * record ({@link BuildResult#commands()}) is not the oracle here.
 */
class BuildEngineToolRunsTest {
    @TempDir
    Path tmp;

    /**
     * A wrapper for {@code tool} that logs {@code start <pid> <name> <args>} before and
     * {@code end <pid>} after running the real tool. {@code hold}: what it does in between, e.g.
     * {@link #rendezvous} or a sleep.
     */
    private Path wrapper(Tool tool, Path log, String hold) throws Exception {
        Path real = Toolchain.fromPath().require(tool);
        Path w = tmp.resolve("bin/log-" + tool.command());
        Files.createDirectories(w.getParent());
        Files.writeString(w, "#!/bin/sh\n"
                + "echo \"start $$ " + tool.command() + " $*\" >> '" + log + "'\n"
                + hold
                + "'" + real + "' \"$@\"\n"
                + "rc=$?\n"
                + "echo \"end $$\" >> '" + log + "'\n"
                + "exit $rc\n");
        assertTrue(w.toFile().setExecutable(true));
        return w;
    }

    private static List<String> lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The largest number of logged calls that had started and not yet ended at one time. */
    private static int maxInFlight(List<String> log) {
        int now = 0;
        int max = 0;
        for (String l : log) {
            if (l.startsWith("start ")) {
                max = Math.max(max, ++now);
            } else if (l.startsWith("end ")) {
                now--;
            }
        }
        assertEquals(0, now, "every call ended: " + log);
        return max;
    }

    private static BuildResult build(Toolchain tools, int jobs, Path dir) throws Exception {
        return new BuildEngine(tools, jobs).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
    }

    private static long compilesOf(List<String> log, String source) {
        return log.stream().filter(l -> l.startsWith("start ") && l.contains(" gcc ") && l.contains(" -c " + source + " ")).count();
    }

    /**
     * Shell for a wrapper: the first two calls wait for each other (each leaves a file in {@code dir} and
     * waits until there are two, at most 60 s), later calls pass at once. With two job slots the engine
     * starts two compilers together, so they meet however loaded the machine is; a sleep would only give
     * them a window.
     */
    private static String rendezvous(Path dir) {
        return "mkdir -p '" + dir + "'; touch '" + dir + "'/$$\n"
                + "i=0; while [ $(ls '" + dir + "' | wc -l) -lt 2 ] && [ $i -lt 6000 ]; do sleep 0.01; i=$((i+1)); done\n";
    }

    @Test
    void twoJobsCompileCAndAssemblerFilesAtTheSameTimeOneJobNever() throws Exception {
        Path kernel = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), kernel, "    return 0;");
        for (int jobs : new int[] { 1, 2 }) {
            Path log = tmp.resolve("gcc-" + jobs + ".log");
            // one job: each call lasts 0.5 s, so a second compiler started meanwhile would be seen (load can only
            // hide an overlap, never make one); two jobs: the first two calls wait for each other
            String hold = jobs == 1 ? "sleep 0.5\n" : rendezvous(tmp.resolve("met-" + jobs));
            Toolchain tools = Toolchain.withOverrides(Map.of(Tool.GCC, wrapper(Tool.GCC, log, hold)));
            BuildEngine.clean(dir);
            BuildResult r = build(tools, jobs, dir);
            assertTrue(r.success(), () -> r.problems().toString());
            List<String> calls = lines(log);
            // the three compilation units (one .S, two .c) went through the wrapper
            for (Path src : List.of(kernel.resolve("entry.S"), kernel.resolve("kmain.c"), dir.resolve("main.c"))) {
                assertEquals(1, compilesOf(calls, src.toString()), src + " compiled once with " + jobs + " job(s): " + calls);
            }
            int max = maxInFlight(calls);
            if (jobs == 1) {
                assertEquals(1, max, "one job: never two compilers at once: " + calls);
            } else {
                assertEquals(2, max, "two jobs: two compilers at once, never more: " + calls);
            }
        }
    }

    @Test
    void noOpRebuildStartsNoToolAndOneEditedFileOnlyItsCompileAndTheLink() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "app");
        Path log = tmp.resolve("tools.log");
        Map<Tool, Path> overrides = new EnumMap<>(Tool.class);
        for (Tool t : List.of(Tool.GCC, Tool.LD, Tool.OBJCOPY, Tool.NM)) {
            overrides.put(t, wrapper(t, log, ""));
        }
        Toolchain tools = Toolchain.withOverrides(overrides);
        BuildResult first = build(tools, 2, dir);
        assertTrue(first.success(), () -> first.problems().toString());
        List<String> firstCalls = lines(log);
        for (String tool : List.of("gcc", "ld", "objcopy", "nm")) {
            assertTrue(firstCalls.stream().anyMatch(l -> l.startsWith("start ") && l.split(" ")[2].equals(tool)),
                    "the wrappers are the tools the engine runs: " + tool + " in " + firstCalls);
        }
        assertEquals(1, compilesOf(firstCalls, dir.resolve("other.c").toString()));

        Files.delete(log);
        BuildResult noop = build(tools, 2, dir);
        assertTrue(noop.success(), () -> noop.problems().toString());
        assertFalse(noop.linked());
        assertEquals(List.of(), lines(log), "a no-op build starts no gcc, ld, objcopy or nm");

        Fixtures.touch(dir.resolve("other.c"));
        BuildResult r = build(tools, 2, dir);
        assertTrue(r.success(), () -> r.problems().toString());
        List<String> starts = lines(log).stream().filter(l -> l.startsWith("start ")).toList();
        List<String> gccCompiles = starts.stream().filter(l -> l.split(" ")[2].equals("gcc") && !l.contains("ksyms.S")).toList();
        assertEquals(1, gccCompiles.size(), "one compile: " + starts);
        assertEquals(1, compilesOf(starts, dir.resolve("other.c").toString()), "and it is other.c's: " + starts);
        // the link steps of a symbols = true kernel (CONTRACTS.md §3): ksyms.S assembled twice, two links, nm, objcopy
        assertEquals(2, starts.stream().filter(l -> l.split(" ")[2].equals("gcc") && l.contains("ksyms.S")).count(), starts.toString());
        assertEquals(2, starts.stream().filter(l -> l.split(" ")[2].equals("ld")).count(), starts.toString());
        assertEquals(1, starts.stream().filter(l -> l.split(" ")[2].equals("nm")).count(), starts.toString());
        assertEquals(1, starts.stream().filter(l -> l.split(" ")[2].equals("objcopy")).count(), starts.toString());
        assertEquals(7, starts.size(), "nothing else: " + starts);
    }
}
