package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ruedo build [-q] DIR} answers a no-op build from the shell (build/.ruedo-up-to-date), and only a
 * no-op: every change still reaches the engine. Seen from outside: the script is run with
 * {@code JAVA_TOOL_OPTIONS} naming a VM option that does not exist, so any JVM it starts fails at once; a
 * shell answer exits 0 with the engine's own "up to date" line.
 */
class CliNoOpFastPathTest {
    @TempDir
    Path tmp;

    /** exit status and output of ./ruedo; {@code noJvm}: a JVM started by it fails. */
    private static Object[] ruedo(boolean noJvm, String path, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Fixtures.root().resolve("ruedo").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (noJvm) {
            pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:+NoSuchOptionRuedoShellAnswered");
        }
        if (path != null) {
            pb.environment().put("PATH", path);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Object[] { p.waitFor(), out };
    }

    private static void assertShellAnswer(Path dir, String why) throws Exception {
        Object[] r = ruedo(true, null, "build", dir.toString());
        assertEquals(0, r[0], why + ": " + r[1]);
        assertEquals("up to date: fast.elf, image " + dir.resolve("build/fast.img") + " (" + Files.size(dir.resolve("build/fast.img"))
                + " bytes)\n", r[1], why);
        Object[] q = ruedo(true, null, "build", "-q", dir.toString());
        assertEquals(0, q[0], String.valueOf(q[1]));
        assertEquals("", q[1], "--quiet prints nothing");
    }

    private static void assertEngineRuns(Path dir, String why) throws Exception {
        Object[] r = ruedo(true, null, "build", dir.toString());
        assertTrue((int) r[0] != 0 && ((String) r[1]).contains("NoSuchOptionRuedoShellAnswered"), why + ": the engine's JVM was started: " + r[1]);
        Object[] again = ruedo(false, null, "build", "-q", dir.toString());      // the engine builds and writes a new stamp
        assertEquals(0, again[0], String.valueOf(again[1]));
    }

    @Test
    void onlyANoOpIsAnsweredByTheShell() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "fast");
        assertEquals(0, ruedo(false, null, "build", "-q", dir.toString())[0]);
        assertShellAnswer(dir, "nothing changed");

        Fixtures.touch(dir.resolve("main.c"));
        assertEngineRuns(dir, "a touched source");
        assertShellAnswer(dir, "after the engine's build");

        // other content with the old mtime (as cp -p leaves it): mtime says nothing, ctime moved
        Path other = tmp.resolve("other.c");
        Files.writeString(other, "int twice(int x)\n{\n    return x + x;\n}\n");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(dir.resolve("other.c")));
        Files.move(other, dir.resolve("other.c"), StandardCopyOption.REPLACE_EXISTING);
        assertEngineRuns(dir, "a source replaced, mtime kept");

        Files.writeString(dir.resolve("extra.c"), "int extra(void)\n{\n    return 1;\n}\n");
        assertEngineRuns(dir, "a new source file in the project");
        assertShellAnswer(dir, "after the engine's build");

        Files.write(dir.resolve("build/fast.img"), new byte[10]);
        assertEngineRuns(dir, "a damaged image");
        assertTrue(Files.size(dir.resolve("build/fast.img")) > 4096, "and the engine made it again");

        Object[] path = ruedo(true, System.getenv("PATH") + ":/nonexistent", "build", dir.toString());
        assertTrue((int) path[0] != 0, "another PATH (other tools): the engine decides: " + path[1]);

        Object[] clean = ruedo(true, null, "build", "--clean", dir.toString());
        assertTrue((int) clean[0] != 0, "--clean always reaches the engine: " + clean[1]);
    }
}
