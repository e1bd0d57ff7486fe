package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.Builds;
import org.ruedo.core.manifest.ManifestException;

/** {@link Builds#buildIfNeeded}: what the launch CLI calls before booting. */
class BuildsTest {
    @TempDir
    Path tmp;

    @Test
    void buildsOnceThenReportsUpToDate() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        List<String> lines = new CopyOnWriteArrayList<>();
        BuildListener l = new BuildListener() {
            @Override
            public void line(String text, Kind kind) {
                lines.add(kind + " " + text);
            }
        };
        BuildResult first = Builds.buildIfNeeded(dir, l);
        assertTrue(first.success(), () -> first.problems().toString());
        assertTrue(first.linked());
        assertTrue(Files.isRegularFile(first.image()));
        assertTrue(lines.stream().anyMatch(s -> s.startsWith("COMMAND ") && s.contains("objcopy")), lines.toString());
        lines.clear();
        BuildResult second = Builds.buildIfNeeded(dir, l);
        assertTrue(second.success());
        assertFalse(second.linked());
        assertEquals(List.of(), second.commands());
        assertTrue(lines.stream().noneMatch(s -> s.startsWith("COMMAND ")), lines.toString());
    }

    @Test
    void badManifestIsAnExceptionWithItsLine() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml")) + "[run]\nmemory = 8\n");
        ManifestException e = assertThrows(ManifestException.class, () -> Builds.buildIfNeeded(dir, BuildListener.NONE));
        assertTrue(e.getMessage().startsWith("unikernel.toml:5: 'memory' = 8 is out of range 16..4096"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("build")), "nothing built");
    }
}
