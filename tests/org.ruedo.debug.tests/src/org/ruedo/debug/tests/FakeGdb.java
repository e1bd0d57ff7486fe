package org.ruedo.debug.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A fake GDB/MI peer on pipes: the test reads the commands the session sends and writes gdb's lines. */
final class FakeGdb implements AutoCloseable {
    final PipedInputStream toSession = new PipedInputStream(1 << 16);
    private final PipedOutputStream gdbOut;
    final PipedOutputStream fromSession = new PipedOutputStream();
    private final PipedInputStream gdbIn;
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

    FakeGdb() throws IOException {
        gdbOut = new PipedOutputStream(toSession);
        gdbIn = new PipedInputStream(fromSession, 1 << 16);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(gdbIn, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    commands.add(l);
                }
            } catch (IOException e) {
                // closed
            }
        }, "fake-gdb");
        t.setDaemon(true);
        t.start();
    }

    /** Next command line the session sent. */
    String nextCommand() throws InterruptedException {
        String c = commands.poll(5, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no command sent");
        }
        return c;
    }

    /** Token of a command line. */
    static int token(String command) {
        return Integer.parseInt(command.replaceAll("^(\\d+).*", "$1"));
    }

    void say(String line) throws IOException {
        OutputStream o = gdbOut;
        o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    /** gdb dies: its output ends. */
    void die() throws IOException {
        gdbOut.close();
    }

    @Override
    public void close() throws IOException {
        gdbOut.close();
        gdbIn.close();
    }
}
