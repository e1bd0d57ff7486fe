package org.ruedo.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.GdbCommand;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.qemu.QemuRun;
import org.ruedo.core.qemu.Recording;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/**
 * {@code ruedo debug <project-dir> [--cpus N] [--port P]}: builds if needed, starts QEMU frozen with its
 * gdbstub on 127.0.0.1, prints the gdb command line to attach by hand, and runs until QEMU exits
 * (Ctrl-C kills it). The gdb line loads {@code build/ruedo-fault.gdb} ({@link FaultStopScript}), so a kernel
 * fault stops gdb at the faulting line. Serial output goes to the terminal. {@code --cpus} is 1..8 like {@code [run] cpus};
 * {@code --port} 1..65535, 0 (the default) picks a free one; a port in use is refused before building.
 * {@code --replay [DIR]} serves a recording ({@code ruedo run --record}; default {@code build/<name>.replay})
 * instead of a new run: QEMU replays it frozen on its gdbstub, and gdb can step it backwards
 * ({@code reverse-stepi}, {@code reverse-next}). The image is not rebuilt, and a rebuilt one is refused.
 */
final class DebugCommand {
    static final String USAGE = "usage: ruedo debug <project-dir> [--cpus N] [--port P] [--replay [DIR]]";

    private DebugCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        Integer cpus = null;
        int port = 0;
        boolean replay = false;
        Path replayDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.println("  --cpus N    virtual CPUs, 1..8 (default: [run] cpus)");
                    out.println("  --port P    gdbstub port on 127.0.0.1, 1..65535; 0 (default) picks a free one");
                    out.println("  --replay [DIR]  debug a recording (ruedo run --record) forwards and backwards;");
                    out.println("              DIR defaults to build/<name>.replay");
                    out.println("exit status: as ruedo run once QEMU ran; 1 build failed; 2 usage, manifest, toolchain or port error");
                    return 0;
                }
                case "--cpus", "--port" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[0-9]+")) {
                        err.println("ruedo debug: " + args[i] + " needs a number");
                        return 2;
                    }
                    int v = BuildCommand.number(args[i + 1]);
                    if (args[i].equals("--cpus")) {
                        if (v < 1 || v > 8) {       // the range of [run] cpus (docs/CONTRACTS.md §1)
                            err.println("ruedo debug: --cpus must be 1..8");
                            return 2;
                        }
                        cpus = v;
                    } else {
                        if (v > 65535) {
                            err.println("ruedo debug: --port must be 1..65535 (or 0 for a free one)");
                            return 2;
                        }
                        port = v;
                    }
                    i++;
                }
                case "--replay" -> {
                    replay = true;
                    // an optional DIR: the next argument when it is not an option and the project is named
                    if (i + 1 < args.length && !args[i + 1].startsWith("-") && dir != null) {
                        replayDir = Path.of(args[++i]);
                    }
                }
                default -> {
                    if (replay && replayDir == null && dir != null && !args[i].startsWith("-")) {
                        replayDir = Path.of(args[i]);
                        continue;
                    }
                    if (args[i].startsWith("-") || dir != null) {
                        err.println("ruedo debug: unexpected argument '" + args[i] + "'");
                        return 2;
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        Toolchain tools = Toolchain.fromPath();
        try {
            ProjectManifest m = ProjectManifest.load(dir);
            Path qemu = tools.require(Tool.QEMU);
            Path gdb = tools.require(Tool.GDB);
            if (port != 0 && QemuCommand.portInUse(port)) {     // said before a build the session could not use
                err.println("ruedo debug: port " + port + " on 127.0.0.1 is already in use");
                return 2;
            }
            if (replay) {
                return replay(m, replayDir != null ? replayDir.toAbsolutePath() : Recording.dir(m), qemu, gdb, port, out, err);
            }
            int built = BuildCommand.buildImage(tools, m, err, true, "ruedo debug");
            if (built != 0) {
                return built;
            }
            if (!Files.isRegularFile(m.elf())) {
                err.println("ruedo debug: image not found: " + m.elf());
                return 2;
            }
            QemuCommand qc = new QemuCommand().qemu(qemu).image(m.image()).cpus(cpus != null ? cpus : m.cpus())
                    .memory(m.memoryMiB()).frozen(true).gdbPort(port).extraArgs(m.qemuArgs());
            Path script = FaultStopScript.write(m.elf().resolveSibling(FaultStopScript.NAME));
            // the port is known for sure once QEMU listens on it (QemuStart picks again if another process took it)
            QemuRun.Outcome o = QemuRun.runKillingOnExit(qc, out, 0, p -> {
                if (p.isAlive()) {
                    err.println("ruedo: " + QemuCommand.display(qc.build()));
                    err.println("ruedo: QEMU is waiting for a debugger on 127.0.0.1:" + qc.gdbPort() + ". Attach with:");
                    err.println("ruedo: (" + script + " makes gdb stop at a kernel fault, panic or failed assertion;"
                            + " in your own gdb: source " + script + ")");
                    out.println(QemuCommand.display(GdbCommand.interactive(gdb, m.elf(), qc.gdbPort(), m.kernel().dir(), script)));
                    out.flush();
                }
            });     // no [run] timeout here: a guest frozen for a debugger, or one being stepped, has no deadline
            err.print(o.stderr());
            err.println("ruedo: " + o.exit().describe());
            return o.exit().exitCode();
        } catch (ManifestException | ToolchainException | Recording.RecordingException | IOException | InterruptedException e) {
            return Main.failure("ruedo debug", e, err);
        }
    }

    /** Serves a recording frozen on the gdbstub; the gdb command line goes to {@code out}. */
    private static int replay(ProjectManifest m, Path recDir, Path qemu, Path gdb, int port, PrintStream out, PrintStream err)
            throws Recording.RecordingException, IOException, InterruptedException {
        Recording rec = Recording.open(recDir, m.image());
        QemuCommand qc = new QemuCommand().qemu(qemu).image(m.image()).cpus(1).memory(rec.memoryMiB()).frozen(true)
                .gdbPort(port).extraArgs(rec.qemuArgs());
        qc.ruedoArgs(rec.replayOptions());
        // the port is known for sure once QEMU listens on it (QemuStart picks again if another process took it)
        QemuRun.Outcome o = QemuRun.runKillingOnExit(qc, out, 0, p -> {
            if (p.isAlive()) {
                err.println("ruedo: " + QemuCommand.display(qc.build()));
                err.println("ruedo: QEMU replays " + rec.dir() + " frozen, waiting for a debugger on 127.0.0.1:" + qc.gdbPort()
                        + " (reverse-stepi, reverse-next work; the replay ends where the recording ends). Attach with:");
                out.println(QemuCommand.display(GdbCommand.replay(gdb, m.elf(), qc.gdbPort())));
                out.flush();
            }
        });
        err.print(o.stderr());
        err.println("ruedo: replay ended: " + o.exit().describe());
        return o.exit().exitCode();
    }
}
