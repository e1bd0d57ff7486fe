package org.ruedo.core.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ruedo.core.manifest.KernelManifest;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * The link of a project's objects into {@code build/<name>.elf}, the flat image and the optional ISO
 * (CONTRACTS.md §2-3): with {@code symbols = true} a two-pass link, pass 1 with an empty symbol table,
 * {@code nm} on it, pass 2 with the table of pass 1's text symbols. Relinks only when an object was
 * compiled, the ELF is missing, the link command changed ({@code obj/link.cmd}) or an input changed
 * ({@code obj/link.sum}); otherwise replays the kept link output ({@code obj/link.log}).
 */
final class Linker {
    private final ProjectManifest m;
    private final ToolRunner runner;
    private final InputDigests digests;
    private final Path gcc;
    private final Path ld;
    private final Path nm;
    private final List<String> linkBase = new ArrayList<>();
    private final List<String> objects;
    private final Path ksymsObj;
    private final Path ksymsS;
    private final Path linkCmd;
    private final Path linkSum;
    private final Path linkLog;
    /** The ELF's own stamp, written after a link ({@link InputDigests#changed}). */
    private final Path linkOut;
    /** The ELF's and the image's stamps, written after the image was made. */
    private final Path imageSum;

    /** @param nm null when the kernel has no symbol table (one link pass) */
    Linker(ProjectManifest m, ToolRunner runner, InputDigests digests, Path gcc, Path ld, Path nm, List<CompileUnit> units) {
        this.m = m;
        this.runner = runner;
        this.digests = digests;
        this.gcc = gcc;
        this.ld = ld;
        this.nm = nm;
        linkBase.add(ld.toString());
        linkBase.addAll(BuildEngine.LD_FLAGS);
        linkBase.add("-T");
        linkBase.add(m.kernel().linkerScript().toString());
        this.objects = units.stream().map(u -> u.object().toString()).toList();
        this.ksymsObj = m.buildDir().resolve("obj/ksyms.o");
        this.ksymsS = m.buildDir().resolve("obj/ksyms.S");
        this.linkCmd = m.buildDir().resolve("obj/link.cmd");
        this.linkSum = m.buildDir().resolve("obj/link.sum");
        this.linkLog = m.buildDir().resolve("obj/link.log");
        this.linkOut = m.buildDir().resolve("obj/link.out");
        this.imageSum = m.buildDir().resolve("obj/image.sum");
    }

    /** Whether the ELF must be relinked (see the class comment; also when the ELF is not what the last link wrote). */
    boolean needed(boolean compiledAny) throws IOException {
        Path elf = m.elf();
        return compiledAny || !Files.exists(elf) || !ObjectRecords.commandMatches(linkCmd, linkKey())
                || digests.changed(linkOut, List.of(elf)) || digests.stale(linkSum, Files.getLastModifiedTime(elf), inputs());
    }

    /** Links (both passes); false when a tool failed (the ELF is then removed: never a half-linked one). */
    boolean link() throws IOException {
        Path elf = m.elf();
        Files.deleteIfExists(linkCmd);
        Files.deleteIfExists(linkLog);
        Files.deleteIfExists(linkSum);
        Files.deleteIfExists(linkOut);
        Files.deleteIfExists(imageSum);
        Map<Path, InputDigests.Stamp> stamps = new LinkedHashMap<>();
        for (Path in : inputs()) {
            stamps.put(in, digests.stamp(in));      // what this link reads
        }
        Files.writeString(ksymsS, KsymsWriter.source(List.of()));
        if (!runner.run(assembleKsyms())) {
            return false;
        }
        if (nm != null) {
            // pass 1: empty table; pass 2: the table of pass 1's text symbols (CONTRACTS.md §3)
            Path pass1 = m.buildDir().resolve("obj/pass1.elf");
            if (!runner.run(linkCommand(pass1))) {
                return false;
            }
            String syms = runner.capture(List.of(nm.toString(), "-n", "--defined-only", pass1.toString()));
            if (syms == null) {
                return false;
            }
            Files.writeString(ksymsS, KsymsWriter.source(KsymsWriter.textSymbols(syms)));
            if (!runner.run(assembleKsyms())) {
                return false;
            }
        }
        String output = runner.output(linkCommand(elf));
        if (output == null) {
            Files.deleteIfExists(elf);
            return false;
        }
        ObjectRecords.writeLog(linkLog, output);
        InputDigests.write(linkOut, Map.of(elf, digests.stamp(elf)));
        InputDigests.write(linkSum, stamps);
        Files.writeString(linkCmd, String.join("\0", linkKey()));
        return true;
    }

    /** The warnings of the last link, for a build that did not relink. */
    void replay() throws IOException {
        runner.replay(linkLog);
    }

    /**
     * Makes the flat image from the ELF unless the image is exactly what the last objcopy of this ELF wrote
     * ({@code obj/image.sum}: both files' stamps). objcopy writes {@code <name>.img.tmp}, renamed over the
     * image only when it succeeded: an interrupted objcopy never leaves a truncated image that looks made.
     * False when objcopy failed.
     */
    boolean image(boolean linked, Path objcopy) throws IOException {
        Path elf = m.elf();
        Path image = m.image();
        if (!linked && !digests.changed(imageSum, List.of(elf, image))) {
            return true;
        }
        Files.deleteIfExists(imageSum);
        Path tmp = image.resolveSibling(image.getFileName() + ".tmp");
        if (!runner.run(List.of(objcopy.toString(), "-O", "binary", elf.toString(), tmp.toString()))) {
            Files.deleteIfExists(tmp);
            return false;
        }
        Files.move(tmp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Map<Path, InputDigests.Stamp> made = new LinkedHashMap<>();
        made.put(elf, digests.stamp(elf));
        made.put(image, digests.stamp(image));
        InputDigests.write(imageSum, made);
        return true;
    }

    /** The GRUB ISO when grub-mkrescue and xorriso are installed (an optional output: its failure only warns). */
    Path iso(boolean linked, Optional<Path> grub, Optional<Path> xorriso) throws IOException {
        if (grub.isEmpty() || xorriso.isEmpty()) {
            if (linked) {
                runner.listener.line("no ISO: grub-mkrescue or xorriso not installed (optional: sudo apt-get install grub-pc-bin grub-common xorriso)",
                        BuildListener.Kind.INFO);
            }
            return null;
        }
        Path iso = m.iso();
        if (!linked && Files.exists(iso)) {
            return iso;
        }
        Path root = m.buildDir().resolve("iso");
        Files.createDirectories(root.resolve("boot/grub"));
        Files.copy(m.image(), root.resolve("boot/" + m.name() + ".img"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(root.resolve("boot/grub/grub.cfg"), "set timeout=0\nmenuentry \"" + m.name()
                + "\" {\n  multiboot /boot/" + m.name() + ".img\n  boot\n}\n");
        return runner.optional(List.of(grub.get().toString(), "-o", iso.toString(), root.toString())) ? iso : null;
    }

    private List<String> assembleKsyms() {
        return List.of(gcc.toString(), "-m64", "-c", ksymsS.toString(), "-o", ksymsObj.toString());
    }

    private List<String> linkCommand(Path out) {
        List<String> cmd = new ArrayList<>(linkBase);
        cmd.add("-o");
        cmd.add(out.toString());
        cmd.addAll(objects);
        cmd.add(ksymsObj.toString());     // an empty table when symbols = false
        return cmd;
    }

    /** The kept link command; it also records whether the ELF carries a symbol table (toggling it relinks). */
    private List<String> linkKey() {
        List<String> key = linkCommand(m.elf());
        key.add("#symbols=" + m.kernel().symbols());
        return key;
    }

    private List<Path> inputs() {
        KernelManifest k = m.kernel();
        List<Path> in = new ArrayList<>(objects.size() + 1);
        in.add(k.linkerScript());
        objects.forEach(o -> in.add(Path.of(o)));
        return in;
    }
}
