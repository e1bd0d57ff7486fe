import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * Ruedo against the raw tools, each pair measured here in one process, median of N runs:
 * build (clean, no-op, one-file change), boot to main, debug start and MI step round trip, plus the
 * context-switch instruction count and image sizes. Prints ratios with their inputs; asserts nothing.
 */
public final class Bench extends BenchSupport {

    public static void main(String[] args) throws Exception {
        root = Path.of(args[0]);
        runs = Integer.parseInt(args[1]);
        String loadBefore = loadAverage();
        Path work = Files.createTempDirectory("ruedo-bench");
        try {
            Path multicore = copyProject("multicore", work.resolve("multicore"));
            Path hello = copyProject("hello", work.resolve("hello"));
            BuildBench.buildBenchmarks(multicore, "multicore", true);
            int kernelFiles = BuildBench.compiles(new BuildEngine(tools, 2).build(ProjectManifest.load(hello), BuildListener.NONE,
                    new CancelToken())).size() - 1;
            int full = runs;
            List<Object[]> cli = new ArrayList<>();
            cli.add(new Object[] { hello, "hello", CliBench.makefileOf(hello), 100 });
            for (int files : new int[] { 300, 1000 }) {
                Path gen = GeneratedProject.write(work.resolve("gen" + files), root.resolve("kernel"), files, kernelFiles);
                runs = files > 300 ? Math.min(full, 3) : full;     // a clean build of 1000 files takes seconds
                Path mk = BuildBench.buildBenchmarks(gen, "generated " + files + "-file app", false);
                runs = full;
                if (files == 300) {
                    cli.add(new Object[] { gen, "generated 300-file app", mk, 150 });
                }
            }
            CliBench.cliBenchmarks(cli);
            BootBench.bootBenchmark(hello, work);
            DebugBench.debugBenchmarks(hello);
            StaticFacts.staticFacts(hello, multicore);
            // issue 15 (h8-reverse): recording overhead and reverse-next round trip, bench/src/ReverseBench.java
            ReverseBench.reverseBenchmarks(multicore, work);
        } finally {
            deleteTree(work);
        }
        facts.add("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs; load average (1/5/15 min) " + loadBefore
                + " before, " + loadAverage() + " after");
        print();
    }
}
