package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;

/** An error inside an array that spans lines names the line of the bad element, not the line of the key. */
class ManifestArrayLinesTest {
    @TempDir
    Path dir;

    private ManifestException error(String app) throws Exception {
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"" + Fixtures.kernel() + "\"\n" + app);
        return assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
    }

    @Test
    void nonStringElementOnItsOwnLine() throws Exception {
        ManifestException e = error("[app]\nsources = [\n    \"a.c\",   # fine\n    \"b.c\",\n    42,\n]\n");
        assertEquals(8, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unikernel.toml:8: array 'sources' may only hold \"strings\""), e.getMessage());
    }

    @Test
    void badEscapeOnALaterLine() throws Exception {
        ManifestException e = error("[app]\ncflags = [\"-O1\",\n  \"-DX=\\q\"]\n");
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown escape"), e.getMessage());
    }

    @Test
    void textAfterTheClosingBracket() throws Exception {
        ManifestException e = error("[app]\ninclude = [\n  \"inc\"\n] junk\n");
        assertEquals(7, e.line(), e.getMessage());
    }

    @Test
    void goodMultiLineArrayStillParses() throws Exception {
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"" + Fixtures.kernel()
                + "\"\n[app]\nsources = [\n  \"a.c\",\n\n  # a comment line\n  \"b/**/*.c\",\n]\n[run]\ncpus = 2\n");
        ProjectManifest m = ProjectManifest.load(dir);
        assertEquals(List.of("a.c", "b/**/*.c"), m.sources());
        assertEquals(2, m.cpus());
    }
}
