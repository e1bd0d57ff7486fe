package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.manifest.ManifestEditor;

/**
 * What the CLI tests against the shipped examples share: a temporary directory per test, copies of
 * kernel/examples/NAME whose manifest points at the repository's kernel, and the check that no QEMU or gdb
 * the test started is left running (killed and reported if one is).
 */
abstract class CliExampleTestBase {
    /** This test's own directory (no state shared between tests: each builds its example copy itself). */
    @TempDir
    Path tmp;

    private List<Long> toolsBefore;

    @BeforeEach
    void recordProcesses() {
        toolsBefore = ourTools().map(ProcessHandle::pid).toList();
    }

    @AfterEach
    void nothingLeftRunning() throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        List<ProcessHandle> left = leftovers();
        while (!left.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            left = leftovers();
        }
        for (ProcessHandle h : left) {
            h.destroyForcibly();
            h.onExit().get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), left.stream().map(h -> h.info().commandLine().orElse("pid " + h.pid())).toList(),
                "the test left QEMU/gdb running (killed now)");
    }

    List<ProcessHandle> leftovers() {
        return ourTools().filter(h -> !toolsBefore.contains(h.pid())).toList();
    }

    /** QEMU and gdb processes started by this JVM (directly or through a shell). */
    private static Stream<ProcessHandle> ourTools() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("qemu-system") || c.endsWith("/gdb")).orElse(false));
    }

    /** A copy of kernel/examples/NAME (made once per test) whose manifest points at the repository's kernel. */
    Path example(String name) throws Exception {
        Path copy = tmp.resolve(name);
        if (Files.isDirectory(copy)) {
            return copy;
        }
        Path src = Fixtures.kernel().resolve("examples").resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName().toString()));
            }
        }
        Path toml = copy.resolve("unikernel.toml");
        Files.writeString(toml, new ManifestEditor(Files.readString(toml)).set("project", "kernel", Fixtures.kernel().toString()).text());
        return copy;
    }
}
