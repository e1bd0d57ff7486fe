package org.ruedo.core.qemu;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts the QEMU a {@link QemuCommand} describes, tied to this JVM ({@link ToolProcess}), for the CLI and
 * the launch alike. With a gdbstub it returns once QEMU listens on the port (so gdb never connects
 * early) or has exited. A port picked by {@code gdbPort(0)} is only free when picked: when another
 * process bound it in between, QEMU exits with "Address already in use" and a newly picked port is tried,
 * up to {@value #ATTEMPTS} times. A port the user chose is never replaced: QEMU's error stands.
 */
public final class QemuStart {
    static final int ATTEMPTS = 5;
    /** How long QEMU may take to open its gdbstub on a loaded machine before it is handed over unconfirmed. */
    private static final long LISTEN_WAIT_MS = 60_000;

    private QemuStart() {
    }

    /** Starts QEMU in {@code dir} (null: the current directory). The argv is {@code qc.build()} after the last port pick. */
    public static Process start(QemuCommand qc, Path dir) throws IOException {
        for (int attempt = 1;; attempt++) {
            ProcessBuilder pb = new ProcessBuilder(qc.build());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = ToolProcess.start(pb);
            if (qc.gdbPort() < 0) {
                return p;
            }
            boolean listening;
            try {
                listening = awaitListening(p, qc.gdbPort());
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while QEMU opened its gdbstub");
            }
            if (listening || p.isAlive()) {
                return p;
            }
            byte[] early = p.getErrorStream().readAllBytes();     // QEMU has exited: its stderr is complete
            String text = new String(early, StandardCharsets.UTF_8);
            if (!qc.gdbPortPicked() || attempt >= ATTEMPTS || !text.contains("Address already in use")) {
                return new Exited(p, early);
            }
            qc.repickGdbPort(QemuCommand.freeLoopbackPort());
        }
    }

    /**
     * Waits until {@code p} listens on 127.0.0.1:port (a LISTEN socket of {@code /proc/net/tcp} whose inode is one
     * of p's descriptors) or exits. False when it exited, or when /proc cannot tell (then it is not waited for).
     */
    static boolean awaitListening(Process p, int port) throws InterruptedException {
        if (!Files.isReadable(Path.of("/proc/net/tcp"))) {
            return false;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LISTEN_WAIT_MS);
        while (p.isAlive() && System.nanoTime() < end) {
            if (listens(p.pid(), port)) {
                return true;
            }
            p.waitFor(5, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** Whether process {@code pid} holds a socket listening on 127.0.0.1:port. */
    public static boolean listens(long pid, int port) {
        Set<String> inodes = new HashSet<>();
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].equals(local) && f[3].equals("0A")) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
            if (inodes.isEmpty()) {
                return false;
            }
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
                for (Path fd : fds) {
                    try {
                        if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                            return true;
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            }
        } catch (IOException e) {
            return false;      // exited meanwhile
        }
        return false;
    }

    /** An exited QEMU whose stderr was read to decide about a retry: the text is still there for the caller. */
    private static final class Exited extends Process {
        private final Process p;
        private final InputStream err;

        Exited(Process p, byte[] early) {
            this.p = p;
            this.err = new SequenceInputStream(new ByteArrayInputStream(early), p.getErrorStream());
        }

        @Override
        public OutputStream getOutputStream() {
            return p.getOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return p.getInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return err;
        }

        @Override
        public int waitFor() throws InterruptedException {
            return p.waitFor();
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            return p.waitFor(timeout, unit);
        }

        @Override
        public int exitValue() {
            return p.exitValue();
        }

        @Override
        public void destroy() {
            p.destroy();
        }

        @Override
        public Process destroyForcibly() {
            return p.destroyForcibly();
        }

        @Override
        public boolean isAlive() {
            return p.isAlive();
        }

        @Override
        public long pid() {
            return p.pid();
        }

        @Override
        public ProcessHandle toHandle() {
            return p.toHandle();
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return p.onExit().thenApply(x -> this);
        }

        @Override
        public java.util.stream.Stream<ProcessHandle> descendants() {
            return p.descendants();
        }

        @Override
        public ProcessHandle.Info info() {
            return p.info();
        }

        @Override
        public java.util.stream.Stream<ProcessHandle> children() {
            return p.children();
        }

        @Override
        public boolean supportsNormalTermination() {
            return p.supportsNormalTermination();
        }
    }
}
