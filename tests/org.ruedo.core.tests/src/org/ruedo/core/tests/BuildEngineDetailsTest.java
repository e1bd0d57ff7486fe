package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.build.Problem;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/** Engine details on a tiny fixture kernel: the symbol table passes, warnings kept, cancel, missing tools. */
class BuildEngineDetailsTest {
    @TempDir
    Path tmp;

    private static BuildResult build(Path dir) throws Exception {
        return new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
    }

    private static boolean ran(BuildResult r, String tool) {
        return r.commands().stream().anyMatch(c -> Path.of(c.get(0)).getFileName().toString().equals(tool));
    }

    private static String nm(Path elf, String symbol) throws Exception {
        Process p = new ProcessBuilder("nm", elf.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher m = Pattern.compile("(?m)^([0-9a-f]+) \\w " + Pattern.quote(symbol) + "$").matcher(out);
        assertTrue(m.find(), symbol + " in " + out);
        return m.group(1);
    }

    @Test
    void symbolTableTwoPassesKeepTextAddresses() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        BuildResult r = build(dir);
        assertTrue(r.success(), () -> r.problems().toString());
        assertTrue(ran(r, "nm"), "pass 1 is read with nm");
        assertEquals(2, r.commands().stream().filter(c -> c.get(0).endsWith("ld")).count(), "two links");
        String table = Files.readString(dir.resolve("build/obj/ksyms.S"));
        // the table's address of kmain is where kmain is in the final ELF: text did not move in pass 2
        Matcher m = Pattern.compile("\\.quad 0x([0-9a-f]+), (\\.Lksym\\d+)\\n").matcher(table);
        boolean found = false;
        while (m.find()) {
            if (table.contains(m.group(2) + ": .asciz \"kmain\"")) {
                assertEquals(Long.parseLong(nm(r.elf(), "kmain"), 16), Long.parseLong(m.group(1), 16));
                found = true;
            }
        }
        assertTrue(found, table);
        assertTrue(table.contains(".asciz \"main\""), table);
        assertTrue(table.contains(".asciz \"_start\""), table);
    }

    @Test
    void withoutSymbolsOneLinkWithAnEmptyTable() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        BuildResult r = build(dir);
        assertTrue(r.success(), () -> r.problems().toString());
        assertFalse(ran(r, "nm"));
        List<List<String>> links = r.commands().stream().filter(c -> c.get(0).endsWith("ld")).toList();
        assertEquals(1, links.size());
        assertTrue(links.get(0).contains(dir.resolve("build/obj/ksyms.o").toString()), "contract link line ends with ksyms.o");
        nm(r.elf(), "ksym_table");     // defined, so kernel code referring to it links
        assertTrue(Files.readString(dir.resolve("build/obj/ksyms.S")).contains("ksym_count:\n    .quad 0\n"));
        assertTrue(Files.size(r.image()) > 0);
        // the .S file was compiled with the assembler flags of CONTRACTS.md section 2
        List<String> entry = r.commands().stream().filter(c -> c.contains(k.resolve("entry.S").toString())).findFirst().orElseThrow();
        assertTrue(entry.containsAll(List.of("-m64", "-g", "-D__ASSEMBLY__", "-MMD", "-MP", "-I" + k.resolve("include"))), entry.toString());
        assertFalse(entry.contains("-ffreestanding"), entry.toString());
    }

    @Test
    void warningsOfUpToDateFilesStayInTheResult() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    int unused = 3;\n    return 0;");
        BuildResult first = build(dir);
        Problem w = first.problems().stream().filter(p -> p.severity() == Problem.Severity.WARNING).findFirst().orElseThrow();
        assertEquals(dir.resolve("main.c"), w.file());
        assertEquals(5, w.line());
        assertTrue(w.message().contains("unused variable 'unused'"), w.message());
        // another file changes: main.c is not recompiled, its warning is still reported
        Fixtures.edited(k.resolve("kmain.c"), k, dir);
        BuildResult second = build(dir);
        assertEquals(List.of(k.resolve("kmain.c")), second.compiled());
        assertTrue(second.problems().contains(w), second.problems().toString());
        // a no-op build runs nothing and still reports it
        BuildResult third = build(dir);
        assertEquals(List.of(), third.commands());
        assertTrue(third.problems().contains(w), third.problems().toString());
        // fixed: gone
        Files.writeString(dir.resolve("main.c"), Files.readString(dir.resolve("main.c")).replace("    int unused = 3;\n", ""));
        Fixtures.edited(dir.resolve("main.c"), k, dir);
        BuildResult fixed = build(dir);
        assertEquals(List.of(dir.resolve("main.c")), fixed.compiled());
        assertEquals(List.of(), fixed.problems());
    }

    @Test
    void cancelKillsTheRunningCompiler() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        // a "gcc" that never finishes and says who it is
        Path pidFile = tmp.resolve("gcc.pids");
        Path slowGcc = tmp.resolve("slow-gcc");
        Files.writeString(slowGcc, "#!/bin/sh\necho $$ >> '" + pidFile + "'\nexec sleep 600\n");
        slowGcc.toFile().setExecutable(true);
        Toolchain tools = Toolchain.withOverrides(Map.of(Tool.GCC, slowGcc));
        CancelToken cancel = new CancelToken();
        AtomicReference<BuildResult> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(new BuildEngine(tools, 2).build(ProjectManifest.load(dir), BuildListener.NONE, cancel));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            assertTrue(t.isAlive(), () -> "build ended before the compiler started: " + failure.get() + " " + result.get());
            Thread.sleep(20);
        }
        List<Long> pids = Files.readAllLines(pidFile).stream().filter(s -> !s.isBlank()).map(Long::parseLong).toList();
        cancel.cancel();
        t.join(60_000);
        assertFalse(t.isAlive(), "the build returns after a cancel");
        assertEquals(null, failure.get());
        assertTrue(result.get().cancelled());
        assertFalse(result.get().success());
        for (long pid : Files.readAllLines(pidFile).stream().filter(s -> !s.isBlank()).map(Long::parseLong).toList()) {
            // killed, not left to run its 600 s (allowing the OS a moment to tear it down on a loaded machine)
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                try {
                    h.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    h.get().destroyForcibly();
                    throw new AssertionError("compiler " + pid + " still running after the cancelled build returned");
                }
            }
        }
        assertFalse(pids.isEmpty());
        assertFalse(Files.exists(dir.resolve("build/tiny.elf")));
    }

    @Test
    void missingCompilerNamesItsPackageBeforeAnythingRuns() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        Path empty = Files.createDirectories(tmp.resolve("empty-path"));
        ToolchainException e = assertThrows(ToolchainException.class, () -> new BuildEngine(
                Toolchain.fromPath().withSearchPath(empty.toString())).build(ProjectManifest.load(dir), BuildListener.NONE,
                        new CancelToken()));
        assertEquals("gcc not found on PATH: install the Debian package gcc (sudo apt-get install gcc)", e.getMessage());
        assertFalse(Files.exists(dir.resolve("build/tiny.elf")));
    }

    @Test
    void globsWithDoubleStarIncludeTheTopLevelAndSkipBuild() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return helper();");
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml"))
                + "[app]\nsources = [\"**/*.c\"]\n");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/helper.c"), "int helper(void)\n{\n    return 0;\n}\n");
        Files.writeString(dir.resolve("main.c"), Files.readString(dir.resolve("main.c")).replace("#include <tiny.h>",
                "#include <tiny.h>\nint helper(void);"));
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/stray.c"), "this is not C\n");
        Files.writeString(dir.resolve("notes.txt"), "not a source\n");
        BuildResult r = build(dir);
        assertTrue(r.success(), () -> r.problems().toString());
        assertTrue(r.compiled().containsAll(List.of(dir.resolve("main.c"), dir.resolve("lib/helper.c"))), r.compiled().toString());
        assertEquals(4, r.compiled().size(), r.compiled().toString());
    }

    @Test
    void withoutGrubTheIsoIsSkippedWithAnInfoLine() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        Path empty = Files.createDirectories(tmp.resolve("no-grub"));
        // the real tools, but grub-mkrescue and xorriso looked up in an empty directory
        Toolchain tools = Toolchain.withOverrides(Map.of(Tool.GRUB_MKRESCUE, empty.resolve("grub-mkrescue"),
                Tool.XORRISO, empty.resolve("xorriso")));
        List<String> info = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuildResult r = new BuildEngine(tools).build(ProjectManifest.load(dir), new BuildListener() {
            @Override
            public void line(String text, Kind kind) {
                if (kind == Kind.INFO) {
                    info.add(text);
                }
            }
        }, new CancelToken());
        assertTrue(r.success(), () -> r.problems().toString());
        assertEquals(null, r.iso());
        assertEquals(List.of(), r.problems(), "skipping the optional ISO is not a problem");
        assertTrue(info.stream().anyMatch(l -> l.contains("no ISO") && l.contains("grub-pc-bin")), info.toString());
    }

    @Test
    void isoIsMadeByGrubMkrescueFromTheImageAndItsFailureIsOnlyAWarning() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        // stand-ins for the tools this machine lacks: they record their arguments and the staged tree
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path grub = bin.resolve("grub-mkrescue");
        Path log = tmp.resolve("grub.args");
        Files.writeString(grub, "#!/bin/sh\necho \"$@\" > '" + log + "'\ncat \"$3/boot/grub/grub.cfg\" >> '" + log + "'\n"
                + "test -s \"$3/boot/tiny.img\" || exit 3\nif [ -e '" + tmp.resolve("fail") + "' ]; then echo 'grub-mkrescue: error: boom'; exit 1; fi\n"
                + "echo iso > \"$2\"\n");
        Path xorriso = bin.resolve("xorriso");
        Files.writeString(xorriso, "#!/bin/sh\nexit 0\n");
        grub.toFile().setExecutable(true);
        xorriso.toFile().setExecutable(true);
        Toolchain tools = Toolchain.withOverrides(Map.of(Tool.GRUB_MKRESCUE, grub, Tool.XORRISO, xorriso));
        BuildResult r = new BuildEngine(tools).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
        assertTrue(r.success(), () -> r.problems().toString());
        assertEquals(dir.resolve("build/tiny.iso"), r.iso());
        assertTrue(Files.isRegularFile(r.iso()));
        String args = Files.readString(log);
        assertTrue(args.startsWith("-o " + dir.resolve("build/tiny.iso") + " " + dir.resolve("build/iso")), args);
        assertTrue(args.contains("multiboot /boot/tiny.img"), args);

        Files.writeString(tmp.resolve("fail"), "");
        Files.delete(r.iso());
        Fixtures.edited(dir.resolve("main.c"), k, dir);
        BuildResult failed = new BuildEngine(tools).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
        assertTrue(failed.success(), "the image is built; only the optional ISO failed: " + failed.problems());
        assertEquals(null, failed.iso());
        assertEquals(List.of(), failed.errors());
        assertTrue(failed.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.WARNING
                && p.message().contains("grub-mkrescue failed with exit status 1")), failed.problems().toString());
    }

    @Test
    void globsMatchingNoSourceAreAnErrorOnTheManifest() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), false);
        Files.writeString(k.resolve("kernel.toml"), Files.readString(k.resolve("kernel.toml"))
                .replace("sources = [\"*.S\", \"*.c\"]", "sources = [\"nothing/*.c\"]"));
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml"))
                + "[app]\nsources = [\"src/*.c\"]\n");
        BuildResult r = build(dir);
        assertFalse(r.success());
        assertEquals(List.of(), r.commands());
        // one error per manifest, each at the line of its sources key
        assertEquals(2, r.errors().size(), r.problems().toString());
        Problem ke = r.errors().get(0);
        assertEquals(k.resolve("kernel.toml"), ke.file());
        assertEquals(3, ke.line());
        assertTrue(ke.message().contains("[kernel] sources [\"nothing/*.c\"]"), ke.message());
        Problem e = r.errors().get(1);
        assertEquals(dir.resolve("unikernel.toml"), e.file());
        assertEquals(5, e.line());
        assertTrue(e.message().contains("[app] sources [\"src/*.c\"]"), e.message());
        assertFalse(Files.exists(dir.resolve("build")), "nothing built");
    }
}
