package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.cli.Main;

/** {@code ruedo build}: exit 0 built, 1 compile errors, 2 usage/manifest errors; what it prints. */
class CliBuildTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int ruedo(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildsThenIsUpToDateThenCleanRebuilds() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "cliapp");
        assertEquals(0, ruedo("build", dir.toString(), "--jobs", "2"), err());
        assertTrue(out().contains("-ffreestanding"), "prints the compiler commands: " + out());
        assertTrue(out().contains("objcopy -O binary"), out());
        assertTrue(Files.isRegularFile(dir.resolve("build/cliapp.img")));
        assertEquals(0, ruedo("build", dir.toString()), err());
        assertFalse(out().contains("-ffreestanding"), "no-op: no compiler: " + out());
        assertTrue(out().contains("up to date"), out());
        Files.writeString(dir.resolve("build/marker"), "stale");
        assertEquals(0, ruedo("build", dir.toString(), "--clean"), err());
        assertFalse(Files.exists(dir.resolve("build/marker")), "--clean deleted build/ first");
        assertTrue(out().contains("-ffreestanding"), out());
    }

    @Test
    void compileErrorExitsOneWithTheDiagnostic() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "cliapp");
        Files.writeString(dir.resolve("main.c"), Fixtures.MAIN_BROKEN);
        assertEquals(1, ruedo("build", dir.toString()));
        // gcc's diagnostic as it printed it: the absolute path of the source, its line 6, a column
        String diagnostic = "(?m)^" + java.util.regex.Pattern.quote(dir.resolve("main.c").toString())
                + ":6:[0-9]+: error: expected ';' before 'return'$";
        assertTrue(java.util.regex.Pattern.compile(diagnostic).matcher(err()).find(), err());
        // gcc's context (the source line and the caret under it) follows its diagnostic on the same stream
        String context = "(?m)" + diagnostic.substring(4) + "\\n.*\\n\\s*\\|\\s*\\^";
        assertTrue(java.util.regex.Pattern.compile(context).matcher(err()).find(), "caret after the error on stderr: " + err());
        assertFalse(out().contains("^"), "no diagnostic context on stdout: " + out());
    }

    /** --quiet prints errors only: a compiler warning shows in a plain build (on stderr) and not in a quiet one. */
    @Test
    void quietBuildPrintsNoWarning() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "cliapp");
        Files.writeString(dir.resolve("main.c"), "int main(void)\n{\n    int unused;\n    return 0;\n}\n");
        assertEquals(0, ruedo("build", dir.toString(), "--quiet"), err());
        assertFalse(err().contains("warning:") || out().contains("warning:"), "quiet: " + out() + err());
        assertEquals(0, ruedo("build", dir.toString(), "--clean"), err());
        assertTrue(err().contains("warning: unused variable 'unused'"), "plain build: " + err());
    }

    @Test
    void manifestErrorExitsTwoWithFileAndLine() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "cliapp");
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml")) + "[run]\nmemory = 8\n");
        assertEquals(2, ruedo("build", dir.toString()));
        assertTrue(err().contains("unikernel.toml:10: 'memory' = 8 is out of range 16..4096"), err());
        assertFalse(Files.exists(dir.resolve("build")));
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, ruedo("build", "--help"));
        assertTrue(out().contains("usage: ruedo build <project-dir>") && out().contains("--jobs N"), out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, ruedo("build"));
        assertTrue(err().contains("usage"), err());
        assertEquals(2, ruedo("build", tmp.toString(), "--jobs", "zero"));
        assertTrue(err().contains("--jobs"), err());
        assertEquals(2, ruedo("build", tmp.toString(), "--frobnicate"));
        assertEquals(2, ruedo("build", tmp.resolve("nowhere").toString()));
        assertTrue(err().contains("no unikernel.toml"), err());
    }
}
