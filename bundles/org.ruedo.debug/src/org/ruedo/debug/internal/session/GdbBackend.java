package org.ruedo.debug.internal.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.concurrent.TimeUnit;

import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.GdbExit;

/**
 * The gdb OS process: its MI streams (an {@link MISession}), its stderr (copied to the console) and its
 * end. {@link #stop()} leaves no gdb behind, however it answers.
 */
public final class GdbBackend {
    private final Process gdb;
    private final MISession mi;

    /** Starts reading gdb's MI output and its stderr. */
    public GdbBackend(Process gdb, GdbConsoleStream console) {
        this.gdb = gdb;
        this.mi = new MISession(gdb.getInputStream(), gdb.getOutputStream());
        Thread err = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(gdb.getErrorStream()))) {
                String l;
                while ((l = r.readLine()) != null) {
                    console.print(l + "\n");
                }
            } catch (IOException e) {
                // gdb ended
            }
        }, "ruedo-gdb-stderr");
        err.setDaemon(true);
        err.start();
    }

    public Process process() {
        return gdb;
    }

    public MISession mi() {
        return mi;
    }

    /** Ends gdb: {@code -gdb-exit}, then SIGTERM, then SIGKILL; gdb is gone when this returns. */
    public void stop() {
        try {
            if (!mi.isClosed()) {
                mi.send(new GdbExit());
            }
            if (!gdb.waitFor(2, TimeUnit.SECONDS)) {
                gdb.destroy();
                if (!gdb.waitFor(2, TimeUnit.SECONDS)) {
                    gdb.destroyForcibly();
                    gdb.waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gdb.destroyForcibly();
        }
        mi.close();
    }
}
