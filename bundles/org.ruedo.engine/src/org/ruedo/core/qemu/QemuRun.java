package org.ruedo.core.qemu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs QEMU to completion outside Eclipse (CLI): streams serial output to a sink as it arrives, keeps a
 * copy for crash-report detection, kills QEMU (and its children) on timeout. QEMU dies with the JVM
 * however the JVM dies ({@link ToolProcess}).
 */
public final class QemuRun {
    /** What happened. */
    public record Outcome(GuestExit exit, String serial, String stderr, CrashReport crash, long pid) {
    }

    private QemuRun() {
    }

    /**
     * Starts QEMU ({@link QemuStart}: tied to this JVM, gdbstub listening before this returns to
     * {@code started}), copies stdout to {@code serialSink} live, waits at most {@code timeoutSeconds}
     * (0 = forever). {@code started} receives the process right after start (e.g. to register a kill
     * hook, or to print the gdb command line for the port QEMU bound).
     */
    public static Outcome run(QemuCommand qc, OutputStream serialSink, int timeoutSeconds, Consumer<Process> started)
            throws IOException, InterruptedException {
        Process p = QemuStart.start(qc, null);
        p.getOutputStream().close();
        if (started != null) {
            started.accept(p);
        }
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(p.getInputStream(), serial, serialSink);
        Thread errPump = pump(p.getErrorStream(), err, null);
        boolean done = timeoutSeconds > 0 ? p.waitFor(timeoutSeconds, TimeUnit.SECONDS) : p.waitFor() >= Integer.MIN_VALUE;
        if (!done) {
            kill(p);
        }
        outPump.join(2000);
        errPump.join(2000);
        String s = serial.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        GuestExit exit = done ? GuestExit.decode(p.exitValue(), e) : GuestExit.killed();
        return new Outcome(exit, s, e, CrashReport.find(s), p.pid());
    }

    /**
     * {@link #run} for a command-line tool: when the JVM exits before QEMU does (Ctrl-C), a shutdown hook
     * kills QEMU, so the terminal never leaves a guest running.
     */
    public static Outcome runKillingOnExit(QemuCommand qc, OutputStream serialSink, int timeoutSeconds,
            Consumer<Process> started) throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Process> proc = new java.util.concurrent.atomic.AtomicReference<>();
        Thread hook = new Thread(() -> {
            Process p = proc.get();
            if (p != null && p.isAlive()) {
                try {
                    kill(p);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Outcome o = run(qc, serialSink, timeoutSeconds, p -> {
            proc.set(p);
            if (started != null) {
                started.accept(p);
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (Ctrl-C): the hook kills QEMU
        }
        return o;
    }

    /** Kills a process and its descendants and waits for it. */
    public static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream copy, OutputStream sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (copy) {
                        copy.write(buf, 0, n);
                    }
                    if (sink != null) {
                        sink.write(buf, 0, n);
                        sink.flush();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "ruedo-qemu-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
