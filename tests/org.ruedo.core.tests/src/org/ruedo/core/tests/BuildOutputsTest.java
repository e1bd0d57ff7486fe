package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;

/**
 * Outputs are checked like inputs (CONTRACTS.md §2): a truncated or overwritten image or ELF is never taken
 * as up to date, whatever its mtime; a merely touched one is not rebuilt; the image is written under a
 * temporary name and renamed, so an objcopy that fails leaves no image that looks made.
 */
class BuildOutputsTest {
    @TempDir
    Path tmp;

    private static BuildResult build(Path dir) throws Exception {
        return new BuildEngine(Toolchain.fromPath(), 2).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
    }

    private static long runs(BuildResult r, String tool) {
        return r.commands().stream().filter(c -> Path.of(c.get(0)).getFileName().toString().equals(tool)).count();
    }

    /** Cuts a file to half its size, as an interrupted write leaves it, and dates it a minute ahead. */
    private static void truncate(Path f) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(60)));
    }

    @Test
    void aTruncatedImageIsRebuiltATouchedOneIsNot() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "outs");
        assertTrue(build(dir).success());
        Path img = dir.resolve("build/outs.img");
        byte[] good = Files.readAllBytes(img);
        assertTrue(good.length > 4096, "an image of " + good.length + " bytes");

        truncate(img);
        BuildResult r = build(dir);
        assertTrue(r.success(), r.problems().toString());
        assertEquals(List.of(), r.compiled(), "nothing compiled");
        assertEquals(1, runs(r, "objcopy"), "the image made again: " + r.commands());
        assertEquals(0, runs(r, "ld"), "from the same ELF: " + r.commands());
        assertArrayEquals(good, Files.readAllBytes(img), "the whole image is back");

        Files.setLastModifiedTime(img, FileTime.from(Instant.now().plusSeconds(120)));     // same content, new time
        BuildResult touched = build(dir);
        assertEquals(List.of(), touched.commands(), "a touched image with the same content is up to date");

        Files.write(img, new byte[good.length]);      // same size, other content (zeroes)
        BuildResult zeroed = build(dir);
        assertEquals(1, runs(zeroed, "objcopy"), zeroed.commands().toString());
        assertArrayEquals(good, Files.readAllBytes(img));
        assertFalse(Files.exists(dir.resolve("build/outs.img.tmp")), "no temporary left");
        assertEquals(List.of(), build(dir).commands(), "and then a no-op");
    }

    @Test
    void aTruncatedElfIsRelinkedAndTheImageRemadeFromIt() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "outs");
        assertTrue(build(dir).success());
        Path elf = dir.resolve("build/outs.elf");
        byte[] good = Files.readAllBytes(elf);
        byte[] image = Files.readAllBytes(dir.resolve("build/outs.img"));
        truncate(elf);
        BuildResult r = build(dir);
        assertTrue(r.success(), r.problems().toString());
        assertEquals(List.of(), r.compiled());
        assertTrue(r.linked(), "relinked: " + r.commands());
        assertEquals(1, runs(r, "objcopy"));
        assertEquals(good.length, Files.size(elf));
        assertArrayEquals(image, Files.readAllBytes(dir.resolve("build/outs.img")));
    }

    @Test
    void aFailingObjcopyLeavesNoImage() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("p"), "outs");
        Path fake = tmp.resolve("bin/objcopy");
        Files.createDirectories(fake.getParent());
        // writes half an image to where it is told, then fails: as an objcopy killed mid-write
        Files.writeString(fake, "#!/bin/sh\nhead -c 1000 \"$3\" > \"$4\"\nexit 1\n");
        assertTrue(fake.toFile().setExecutable(true));
        BuildResult r = new BuildEngine(Toolchain.withOverrides(java.util.Map.of(org.ruedo.core.toolchain.Tool.OBJCOPY, fake)), 2)
                .build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
        assertFalse(r.success());
        assertFalse(Files.exists(dir.resolve("build/outs.img")), "no image under the real name");
        assertFalse(Files.exists(dir.resolve("build/outs.img.tmp")), "and no temporary");
        BuildResult again = build(dir);
        assertTrue(again.success(), again.problems().toString());
        assertEquals(1, runs(again, "objcopy"), "the next build makes the image: " + again.commands());
        assertTrue(Files.size(dir.resolve("build/outs.img")) > 4096);
    }
}
