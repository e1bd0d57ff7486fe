import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.toolchain.Tool;

/** Boot rows: hello to its first line against a minimal Multiboot kernel; `ruedo run` in-process; the crash report time. */
final class BootBench extends BenchSupport {

    static void bootBenchmark(Path hello, Path work) throws Exception {
        ProjectManifest m = ProjectManifest.load(hello);
        new BuildEngine(tools).build(m, BuildListener.NONE, new CancelToken());
        Path qemu = tools.require(Tool.QEMU);
        Path minimal = minimalKernel(work.resolve("minimal"));
        List<String> ruedoArgv = new QemuCommand().qemu(qemu).image(m.image()).cpus(1).memory(128).build();
        List<String> minArgv = new QemuCommand().qemu(qemu).image(minimal).cpus(1).memory(128).build();
        double[] boot = pair(() -> timeToOutput(ruedoArgv, "hello from Ruedo"), () -> timeToOutput(minArgv, "hi"));
        row("boot to app main (hello's first line) under TCG, -smp 1", boot[0], "minimal Multiboot kernel printing 'hi', same QEMU command",
                boot[1]);
        java.io.PrintStream devNull = new java.io.PrintStream(OutputStream.nullOutputStream());
        double[] whole = pair(() -> time(() -> {
            int code = org.ruedo.core.cli.Main.run(new String[] { "run", hello.toString() }, devNull, devNull);
            if (code != 0) {
                throw new IllegalStateException("ruedo run hello exited " + code);
            }
        }), () -> time(() -> {
            Process p = new ProcessBuilder(ruedoArgv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 3) {
                throw new IllegalStateException("QEMU status " + p.exitValue() + " for hello");
            }
        }));
        row("`ruedo run hello` (up-to-date check, boot, exit decoded), in-process", whole[0], "the same QEMU command alone, to its exit", whole[1]);
        Path crash = copyProject("crash", work.resolve("crash"));
        ProjectManifest c = ProjectManifest.load(crash);
        new BuildEngine(tools).build(c, BuildListener.NONE, new CancelToken());
        List<String> crashArgv = new QemuCommand().qemu(qemu).image(c.image()).cpus(1).memory(64).build();
        double tCrash = median(() -> timeToOutput(crashArgv, "END OF CRASH REPORT"));
        facts.add(String.format(Locale.ROOT, "examples/crash: QEMU start -> complete crash report: %.1f ms (goal: < 5000 ms under TCG)", tCrash));
    }

    /** A 40-line Multiboot kernel: prints "hi" on COM1 and exits through isa-debug-exit. */
    static Path minimalKernel(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("min.S"), """
                    .section .multiboot, "a"
                    .align 4
                mb: .long 0x1BADB002, 0x00010000, -(0x1BADB002 + 0x00010000)
                    .long mb, mb, end, end, start
                    .text
                    .code32
                    .globl start
                start:
                    mov $0x3f8, %dx
                    mov $'h', %al
                    out %al, %dx
                    mov $'i', %al
                    out %al, %dx
                    mov $'\\n', %al
                    out %al, %dx
                    mov $0xf4, %dx
                    mov $1, %al
                    out %al, %dx
                1:  hlt
                    jmp 1b
                end:
                """);
        Files.writeString(dir.resolve("min.ld"), "ENTRY(start)\nSECTIONS { . = 0x100000; .text : { *(.multiboot) *(.text) } }\n");
        run(List.of("gcc", "-m32", "-c", dir.resolve("min.S").toString(), "-o", dir.resolve("min.o").toString()));
        run(List.of("ld", "-m", "elf_i386", "-T", dir.resolve("min.ld").toString(), "-o", dir.resolve("min.elf").toString(),
                dir.resolve("min.o").toString()));
        run(List.of("objcopy", "-O", "binary", dir.resolve("min.elf").toString(), dir.resolve("min.img").toString()));
        return dir.resolve("min.img");
    }

    static double timeToOutput(List<String> argv, String marker) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.contains(marker)) {
                    double t = (System.nanoTime() - t0) / 1e6;
                    p.waitFor(10, TimeUnit.SECONDS);
                    return t;
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        throw new IllegalStateException("no '" + marker + "' from " + argv);
    }
}
