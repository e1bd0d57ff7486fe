package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
import org.ruedo.core.toolchain.Toolchain;

/**
 * Two builds of one project never overlap: the second waits (and says so) until the first has linked.
 * Same path: the in-JVM lock; the project reached through a symbolic link: the lock file in build/.
 */
class BuildLockTest {
    @TempDir
    Path tmp;

    @Test
    void secondBuildOfTheSameDirectoryWaits() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        List<String> events = runTwo(dir, dir);
        int waiting = events.indexOf("B waiting");
        assertTrue(waiting >= 0 && waiting < events.indexOf("A linked"), "B waited while A held the lock: " + events);
        assertTrue(!events.contains("B command"), "B found everything up to date: " + events);
    }

    @Test
    void buildThroughAnotherPathWaitsOnTheLockFile() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        List<String> events = runTwo(dir, link);
        int waiting = events.indexOf("B waiting");
        assertTrue(waiting >= 0 && waiting < events.indexOf("A linked"), events.toString());
        assertTrue(events.indexOf("A linked") < events.indexOf("B command"), "B ran nothing before A had finished: " + events);
    }

    /**
     * Build A holds its first compile until B has started and reported waiting; then both finish.
     * Returns the interleaved events.
     */
    private static List<String> runTwo(Path a, Path b) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch bWaiting = new CountDownLatch(1);
        CountDownLatch aStarted = new CountDownLatch(1);
        BuildListener la = new BuildListener() {
            @Override
            public void line(String text, Kind kind) {
                if (kind == Kind.COMMAND && aStarted.getCount() > 0) {
                    aStarted.countDown();
                    try {
                        assertTrue(bWaiting.await(60, TimeUnit.SECONDS), "B never reported waiting");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (text.startsWith("linked ")) {
                    events.add("A linked");
                }
            }
        };
        BuildListener lb = new BuildListener() {
            @Override
            public void line(String text, Kind kind) {
                if (text.startsWith("waiting for another build")) {
                    events.add("B waiting");
                    bWaiting.countDown();
                } else if (kind == Kind.COMMAND && !events.contains("B command")) {
                    events.add("B command");
                }
            }
        };
        BuildEngine engine = new BuildEngine(Toolchain.fromPath(), 1);
        // own threads: the common pool may have a single worker on a small machine
        ExecutorService threads = Executors.newFixedThreadPool(2);
        BuildResult ra;
        BuildResult rb;
        try {
            Future<BuildResult> fa = threads.submit(() -> build(engine, a, la));
            assertTrue(aStarted.await(60, TimeUnit.SECONDS));
            Future<BuildResult> fb = threads.submit(() -> build(engine, b, lb));
            ra = fa.get(120, TimeUnit.SECONDS);
            rb = fb.get(120, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(ra.success(), ra.problems().toString());
        assertTrue(rb.success(), rb.problems().toString());
        assertEquals(List.of(), rb.errors());
        return events;
    }

    private static BuildResult build(BuildEngine engine, Path dir, BuildListener l) {
        try {
            return engine.build(ProjectManifest.load(dir), l, new CancelToken());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
