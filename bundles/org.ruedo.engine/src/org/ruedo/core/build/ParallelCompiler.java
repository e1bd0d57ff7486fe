package org.ruedo.core.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles the stale units with at most {@code jobs} compilers at once (one tool per worker thread), and
 * records each successful compile ({@link ObjectRecords#recordCompile}). Returns the compiled sources in
 * the units' order, not in finishing order.
 */
final class ParallelCompiler {
    private final int jobs;
    private final ToolRunner runner;
    private final InputDigests digests;

    ParallelCompiler(int jobs, ToolRunner runner, InputDigests digests) {
        this.jobs = jobs;
        this.runner = runner;
        this.digests = digests;
    }

    /** What a compile pass did: whether every unit compiled, and which sources it compiled (units' order). */
    record Outcome(boolean ok, List<Path> compiled) {
    }

    Outcome compile(List<CompileUnit> stale) throws IOException {
        if (stale.isEmpty()) {
            return new Outcome(true, List.of());
        }
        for (CompileUnit u : stale) {
            Files.createDirectories(u.object().getParent());
            ObjectRecords.forget(u.object());
        }
        AtomicInteger done = new AtomicInteger();
        boolean[] compiled = new boolean[stale.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, stale.size()), r -> {
            Thread t = new Thread(r, "ruedo-compile");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Boolean>> futures = new ArrayList<>(stale.size());
            for (int i = 0; i < stale.size(); i++) {
                int index = i;
                CompileUnit u = stale.get(i);
                futures.add(pool.submit(() -> {
                    if (runner.cancel.isCancelled()) {
                        return false;
                    }
                    // the source's content as the compiler reads it (an edit during the compile rebuilds next time)
                    InputDigests.Stamp source = digests.stamp(u.source());
                    String output = runner.output(u.command());
                    if (output != null) {
                        ObjectRecords.recordCompile(u, source, digests, output);
                        compiled[index] = true;
                    }
                    runner.listener.progress("compile", done.incrementAndGet(), stale.size());
                    return output != null;
                }));
            }
            boolean ok = true;
            for (Future<Boolean> f : futures) {
                try {
                    ok &= f.get();
                } catch (ExecutionException e) {
                    ok = false;
                    runner.listener.line("compile failed: " + e.getCause(), BuildListener.Kind.ERROR);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    runner.cancel.cancel();
                    ok = false;
                }
            }
            List<Path> sources = new ArrayList<>();
            for (int i = 0; i < stale.size(); i++) {
                if (compiled[i]) {
                    sources.add(stale.get(i).source());
                }
            }
            return new Outcome(ok && !runner.cancel.isCancelled(), List.copyOf(sources));
        } finally {
            pool.shutdownNow();
        }
    }
}
