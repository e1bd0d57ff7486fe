package org.ruedo.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.ruedo.core.cli.Main;

/**
 * {@code ruedo debug <dir> --port P} run in this JVM on a daemon thread, as the CLI tests drive it: what it
 * prints on stdout and stderr, its exit code once it returns (-1 before), and the gdb command line it prints.
 */
public final class CliDebugRun {
    /** What {@code ruedo debug} printed on stdout / stderr so far. */
    public final ByteArrayOutputStream out = new ByteArrayOutputStream();
    public final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** Its exit code, -1 while it runs. */
    public final AtomicInteger code = new AtomicInteger(-1);
    /** The thread it runs on. */
    public final Thread thread;

    private CliDebugRun(Path dir, int port) {
        thread = new Thread(() -> code.set(Main.run(new String[] { "debug", dir.toString(), "--port", Integer.toString(port) },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))), "ruedo-debug");
        thread.setDaemon(true);
    }

    /** Starts {@code ruedo debug dir --port port}. */
    public static CliDebugRun start(Path dir, int port) {
        CliDebugRun r = new CliDebugRun(dir, port);
        r.thread.start();
        return r;
    }

    /**
     * Waits for the printed line that contains {@code target remote} (the gdb command line to paste); null
     * when {@code ruedo debug} returned first or 180 s passed (that includes the first build of the project).
     */
    public String gdbLine() throws InterruptedException {
        String line = null;
        long end = System.currentTimeMillis() + 180_000;
        while (line == null && thread.isAlive() && System.currentTimeMillis() < end) {
            line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("target remote")).findFirst().orElse(null);
            Thread.sleep(20);
        }
        return line;
    }
}
