package org.ruedo.core.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts QEMU and gdb so that they die with the JVM that started them, however it dies (SIGKILL
 * included; docs/CONTRACTS.md §4): the command runs under {@code setpriv --pdeathsig KILL} (util-linux),
 * so the kernel sends it SIGKILL when its parent goes.
 * <p>
 * Linux's "parent" for the death signal is the <em>thread</em> that forked, not the process: a child
 * forked from an Eclipse job's worker thread would be killed when that pooled thread retires. So every
 * start happens on one long-lived daemon thread of this class, which lives as long as the JVM.
 * <p>
 * The window between fork and setpriv's {@code prctl} (the JVM dying in between would leave an orphan)
 * is closed by a {@code /bin/sh} step after setpriv: it runs the command only when its parent is still
 * this JVM ({@code $PPID}), then {@code exec}s it, so the pid seen by the caller is the tool's own
 * ({@code /proc/PID/cmdline} is the tool's argv). Without setpriv (not Linux) the command starts plainly.
 */
public final class ToolProcess {
    private static final String SETPRIV = find("setpriv");
    private static final String SH = Files.isExecutable(Path.of("/bin/sh")) ? "/bin/sh" : null;
    /** Exit status of the guard when the JVM was already gone: nobody is left to read it. */
    private static final String GUARD = "[ \"$PPID\" = \"$1\" ] || exit 125; shift; exec \"$@\"";
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ruedo-tool-spawner");
        t.setDaemon(true);
        return t;
    });

    private ToolProcess() {
    }

    /** Whether started tools are tied to this JVM's life (setpriv found). */
    public static boolean tethered() {
        return SETPRIV != null && SH != null;
    }

    /**
     * The argv that runs {@code argv} tied to this JVM: {@code setpriv --pdeathsig KILL -- /bin/sh -c GUARD
     * ruedo-tether JVMPID argv...}; {@code argv} itself when setpriv is not available.
     */
    public static List<String> tetheredArgv(List<String> argv) {
        if (!tethered()) {
            return argv;
        }
        List<String> a = new ArrayList<>(List.of(SETPRIV, "--pdeathsig", "KILL", "--", SH, "-c", GUARD, "ruedo-tether",
                Long.toString(ProcessHandle.current().pid())));
        a.addAll(argv);
        return a;
    }

    /**
     * Starts {@code pb}'s command tied to this JVM (see the class comment). {@code pb}'s directory,
     * environment and redirects apply; its command is replaced by {@link #tetheredArgv} of itself.
     */
    public static Process start(ProcessBuilder pb) throws IOException {
        pb.command(tetheredArgv(List.copyOf(pb.command())));
        Future<Process> f = SPAWNER.submit(pb::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();     // a start takes milliseconds: wait for it even when interrupted, so nothing is lost
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String find(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }
}
