package org.ruedo.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.CrashReport;
import org.ruedo.core.qemu.GuestExit;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.qemu.QemuRun;
import org.ruedo.core.qemu.Recording;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/**
 * {@code ruedo run <project-dir> [--cpus N] [--mem MiB] [--timeout S] [--verbose] [--record] [-- qemu-args...]}:
 * builds if needed, boots in QEMU with the serial console on the terminal, and exits with the guest's
 * code (docs/CONTRACTS.md §4: the app's code, 100 panic, 101 reset, 102 QEMU error, 103 killed/timeout;
 * 1 build failed, 2 usage/manifest/toolchain error, or a refused QEMU argument: see
 * {@link QemuCommand#checkUserArgs}). {@code --record} (or {@code [run] record = true}) records the run into
 * {@code build/<name>.replay/} for {@code ruedo debug --replay} ({@link Recording}; one CPU only).
 */
final class RunCommand {
    static final String USAGE = "usage: ruedo run <project-dir> [--cpus N] [--mem MiB] [--timeout S] [--verbose] [--record] [-- qemu-args...]";

    private RunCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        Integer cpus = null;
        Integer mem = null;
        Integer timeout = null;
        boolean verbose = false;
        boolean record = false;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                extra.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            switch (a) {
                case "--cpus", "--mem", "--timeout" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[0-9]+")) {
                        err.println("ruedo run: " + a + " needs a number");
                        return 2;
                    }
                    int v = BuildCommand.number(args[++i]);
                    if (a.equals("--cpus")) {
                        if (v < 1 || v > 8) {
                            err.println("ruedo run: --cpus must be 1..8");
                            return 2;
                        }
                        cpus = v;
                    } else if (a.equals("--mem")) {
                        if (v < 16 || v > 4096) {
                            err.println("ruedo run: --mem must be 16..4096 MiB");
                            return 2;
                        }
                        mem = v;
                    } else {
                        if (v > 86400) {        // the range of [run] timeout
                            err.println("ruedo run: --timeout must be 0..86400 seconds");
                            return 2;
                        }
                        timeout = v;
                    }
                }
                case "--verbose", "-v" -> verbose = true;
                case "--record" -> record = true;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.println("  --cpus N       virtual CPUs, 1..8 (default: [run] cpus)");
                    out.println("  --mem MiB      guest memory, 16..4096 (default: [run] memory)");
                    out.println("  --timeout S    kill the guest after S seconds, 0..86400, 0 = never (default: [run] timeout)");
                    out.println("  --verbose      also print the build's commands and tool output");
                    out.println("  --record       record the run for reverse debugging into build/<name>.replay (1 CPU only)");
                    out.println("  -- qemu-args   the rest goes to QEMU after [run] qemu-args (no -s, -gdb, or endpoint off 127.0.0.1)");
                    out.println("exit status: the app's exit code; 100 kernel crash, 101 guest reset, 102 QEMU failed,");
                    out.println("  103 killed or timeout; 1 build failed; 2 usage, manifest, toolchain or QEMU-argument error");
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") || dir != null) {
                        err.println("ruedo run: unexpected argument '" + a + "'");
                        return 2;
                    }
                    dir = Path.of(a);
                }
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        String bad = QemuCommand.userArgsError(extra);
        if (bad != null) {          // before anything is built or started (docs/CONTRACTS.md §4)
            err.println("ruedo run: error: " + bad);
            return 2;
        }
        Toolchain tools = Toolchain.fromPath();
        try {
            ProjectManifest m = ProjectManifest.load(dir);
            Path qemu = tools.require(Tool.QEMU);
            int n = cpus != null ? cpus : m.cpus();
            record |= m.record();
            if (record && n != 1) {      // before anything is built or started
                err.println("ruedo run: error: " + Recording.smpRefusal(n));
                return 2;
            }
            Path qemuImg = record ? tools.require(Tool.QEMU_IMG) : null;
            int built = BuildCommand.buildImage(tools, m, err, !verbose, "ruedo run");
            if (built != 0) {
                return built;
            }
            List<String> userArgs = new ArrayList<>(m.qemuArgs());
            userArgs.addAll(extra);
            int memory = mem != null ? mem : m.memoryMiB();
            QemuCommand qc = new QemuCommand().qemu(qemu).image(m.image()).cpus(n).memory(memory).extraArgs(userArgs);
            Recording rec = null;
            if (record) {
                rec = Recording.create(Recording.dir(m), m.image(), n, memory, userArgs, qemuImg);
                qc.ruedoArgs(rec.recordOptions());
            }
            err.println("ruedo: " + QemuCommand.display(qc.build()));
            QemuRun.Outcome o = QemuRun.runKillingOnExit(qc, out, timeout != null ? timeout : m.timeout(), null);
            if (!o.stderr().isBlank()) {
                err.print(o.stderr());
            }
            GuestExit ge = o.exit();
            if (o.crash() != null) {
                CrashReport c = tools.find(Tool.ADDR2LINE).map(a2l -> o.crash().resolve(a2l, m.elf())).orElse(o.crash());
                err.println("ruedo: " + c.summary());
            }
            if (rec != null) {
                String how = "ruedo debug " + QemuCommand.display(List.of(dir.toString())) + " --replay";
                err.println("ruedo: recorded into " + rec.dir() + "; step through it backwards with: " + how);
                if (ge.kind() == GuestExit.Kind.PANIC) {
                    err.println("recorded: Debug the recording to step back from the crash (" + how + ")");
                }
            }
            err.println("ruedo: " + ge.describe() + (ge.kind() == GuestExit.Kind.KILLED && ge.signal() == 0 ? " (timeout)" : "") + "; exit code " + ge.exitCode());
            return ge.exitCode();
        } catch (ManifestException | ToolchainException | Recording.RecordingException | IOException | InterruptedException e) {
            return Main.failure("ruedo run", e, err);
        }
    }
}
