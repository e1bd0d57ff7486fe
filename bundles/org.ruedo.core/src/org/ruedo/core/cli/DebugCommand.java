package org.ruedo.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.GdbCommand;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.qemu.QemuRun;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/**
 * {@code ruedo debug <project-dir> [--cpus N] [--port P]}: builds if needed, starts QEMU frozen with its
 * gdbstub on 127.0.0.1, prints the gdb command line to attach by hand, and runs until QEMU exits
 * (Ctrl-C kills it). Serial output goes to the terminal.
 */
final class DebugCommand {
    private DebugCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        Integer cpus = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cpus", "--port" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[0-9]+")) {
                        err.println("ruedo debug: " + args[i] + " needs a number");
                        return 2;
                    }
                    if (args[i].equals("--cpus")) {
                        cpus = Integer.parseInt(args[++i]);
                    } else {
                        port = Integer.parseInt(args[++i]);
                    }
                }
                default -> {
                    if (args[i].startsWith("-") || dir != null) {
                        err.println("ruedo debug: unexpected argument '" + args[i] + "'");
                        return 2;
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            err.println("usage: ruedo debug <project-dir> [--cpus N] [--port P]");
            return 2;
        }
        Toolchain tools = Toolchain.fromPath();
        try {
            ProjectManifest m = ProjectManifest.load(dir);
            Path qemu = tools.require(Tool.QEMU);
            Path gdb = tools.require(Tool.GDB);
            BuildResult r = new BuildEngine(tools).build(m, BuildCommand.printer(err, err, true), new CancelToken());
            if (!r.success()) {
                err.println("ruedo debug: build failed");
                return 1;
            }
            if (port != 0 && QemuCommand.portInUse(port)) {
                err.println("ruedo debug: port " + port + " on 127.0.0.1 is already in use");
                return 2;
            }
            QemuCommand qc = new QemuCommand().qemu(qemu).image(m.image()).cpus(cpus != null ? cpus : m.cpus())
                    .memory(m.memoryMiB()).frozen(true).gdbPort(port).extraArgs(m.qemuArgs());
            err.println("ruedo: " + QemuCommand.display(qc.build()));
            err.println("ruedo: QEMU is waiting for a debugger on 127.0.0.1:" + qc.gdbPort() + ". Attach with:");
            out.println(QemuCommand.display(GdbCommand.interactive(gdb, m.elf(), qc.gdbPort())));
            out.flush();
            QemuRun.Outcome o = QemuRun.runKillingOnExit(qc.build(), out, m.timeout());
            err.print(o.stderr());
            err.println("ruedo: " + o.exit().describe());
            return o.exit().exitCode();
        } catch (ManifestException | ToolchainException e) {
            err.println("ruedo debug: error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("ruedo debug: I/O error: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 103;
        }
    }
}
