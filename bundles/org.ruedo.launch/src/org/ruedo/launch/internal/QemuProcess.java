package org.ruedo.launch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.ruedo.core.qemu.CrashReport;
import org.ruedo.core.qemu.GuestExit;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.UnikernelProcess;

/**
 * A running QEMU as an Eclipse {@link IProcess}: its serial output (QEMU's stdout) is the console's
 * output stream, which starts with the QEMU command line; console input goes to the guest's serial
 * port. On exit the QEMU status is decoded ({@link GuestExit}) into the process's exit value, and a
 * crash report in the serial output is resolved to file:line and shown in the error stream.
 */
public final class QemuProcess implements UnikernelProcess {
    private static final Set<QemuProcess> LIVE = ConcurrentHashMap.newKeySet();

    private final ILaunch launch;
    private final Process process;
    private final String label;
    private final Path elf;
    private final StreamMonitor out = new StreamMonitor();
    private final StreamMonitor err = new StreamMonitor();
    private final StringBuilder stderrText = new StringBuilder();
    private final Map<String, String> attributes = new HashMap<>();
    private final Thread outPump;
    private final Thread errPump;
    private volatile boolean terminated;
    private volatile boolean killedByUser;
    private volatile GuestExit exit;

    /** Wraps a started QEMU and adds it to the launch. */
    public QemuProcess(ILaunch launch, Process process, String label, java.util.List<String> argv, Path elf) {
        this.launch = launch;
        this.process = process;
        this.label = label;
        this.elf = elf;
        attributes.put(IProcess.ATTR_PROCESS_TYPE, LaunchConstants.PROCESS_TYPE);
        attributes.put(IProcess.ATTR_CMDLINE, QemuCommand.display(argv));
        attributes.put(IProcess.ATTR_PROCESS_ID, Long.toString(process.pid()));
        out.append(QemuCommand.display(argv) + "\n");
        outPump = pump(process.getInputStream(), out, null);
        errPump = pump(process.getErrorStream(), err, stderrText);
        LIVE.add(this);
        launch.addProcess(this);
        fire(DebugEvent.CREATE);
        Thread waiter = new Thread(this::awaitExit, "ruedo-qemu-wait-" + process.pid());
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(InputStream in, StreamMonitor m, StringBuilder copy) {
        Thread t = new Thread(() -> {
            // a Reader keeps the decoder's state across reads: a UTF-8 sequence split between two reads stays whole
            char[] buf = new char[4096];
            try (java.io.Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                int n;
                while ((n = r.read(buf)) > 0) {
                    String s = new String(buf, 0, n);
                    if (copy != null) {
                        synchronized (copy) {
                            copy.append(s);
                        }
                    }
                    m.append(s);
                }
            } catch (IOException e) {
                // stream closed: process ended
            }
        }, "ruedo-qemu-stream");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void awaitExit() {
        int status;
        try {
            status = process.waitFor();
            outPump.join(3000);
            errPump.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String stderr;
        synchronized (stderrText) {
            stderr = stderrText.toString().strip();
        }
        GuestExit ge = killedByUser ? GuestExit.killed() : GuestExit.decode(status, stderr);
        attributes.put(LaunchConstants.PROC_QEMU_STATUS, Integer.toString(status));
        attributes.put(LaunchConstants.PROC_GUEST_EXIT, ge.describe());
        CrashReport crash = CrashReport.find(out.allText());
        StringBuilder msg = new StringBuilder();
        if (crash != null) {
            CrashReport c = org.ruedo.core.resources.ToolchainPreferences.toolchain().find(Tool.ADDR2LINE).map(a -> crash.resolve(a, elf)).orElse(crash);
            attributes.put(LaunchConstants.PROC_CRASH_REPORT, c.summary() + "\n" + c.text());
            CrashReport.Frame f = c.firstSourceFrame();
            if (f != null) {
                attributes.put(LaunchConstants.PROC_CRASH_LOCATION, f.file() + ":" + f.line());
            }
            msg.append("ruedo: ").append(c.summary()).append('\n');
            for (CrashReport.Frame fr : c.backtrace()) {
                if (fr.file() != null) {
                    msg.append("    at ").append(fr.symbol()).append(" (").append(fr.file()).append(':').append(fr.line()).append(")\n");
                }
            }
        }
        if (ge.kind() == GuestExit.Kind.QEMU_ERROR) {
            msg.append("ruedo: QEMU died (exit status ").append(status).append(")")
                    .append(stderr.isEmpty() ? "" : ": " + stderr).append('\n');
        }
        // the app's own exit is the normal end: one plain line on the output stream ("guest exited with code N"
        // already is the launch's exit code); crashes, resets, kills and QEMU failures go to the error stream
        boolean normal = ge.kind() == GuestExit.Kind.APP_EXIT && crash == null;
        msg.append("ruedo: ").append(ge.describe()).append(normal ? "" : " (exit code " + ge.exitCode() + ")").append('\n');
        if (attributes.containsKey(LaunchConstants.PROC_REPLAY) && !killedByUser) {
            msg.append("ruedo: the replay reached the end of the recording (the recorded guest ended here)\n");
        }
        String recording = attributes.get(LaunchConstants.PROC_RECORDING);
        if (recording != null) {
            msg.append(ge.kind() == GuestExit.Kind.PANIC ? LaunchConstants.RECORDED_CRASH_LINE + " (" + recording + ")\n"
                    : "recorded into " + recording + "\n");
        }
        (normal ? out : err).append(msg.toString());
        exit = ge;
        terminated = true;
        LIVE.remove(this);
        org.ruedo.launch.qmp.QemuMonitors.release(this);
        fire(DebugEvent.TERMINATE);
    }

    private void fire(int kind) {
        DebugPlugin p = DebugPlugin.getDefault();
        if (p != null) {
            p.fireDebugEventSet(new DebugEvent[] { new DebugEvent(this, kind) });
        }
    }

    /** The QEMU OS process. */
    @Override
    public Process osProcess() {
        return process;
    }

    /** Decoded guest exit, or null while running. */
    @Override
    public GuestExit guestExit() {
        return exit;
    }

    /** All serial output so far (starts with the command line). */
    @Override
    public String serialText() {
        return out.allText();
    }

    /** All error-stream text so far (QEMU's stderr and Ruedo's exit messages). */
    @Override
    public String errorText() {
        return err.allText();
    }

    /** Kills every live QEMU (bundle shutdown). */
    public static void killAll() {
        for (QemuProcess p : LIVE.toArray(QemuProcess[]::new)) {
            p.kill();
        }
    }

    private void kill() {
        killedByUser = true;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- IProcess ----

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return new IStreamsProxy() {
            @Override
            public IStreamMonitor getOutputStreamMonitor() {
                return out;
            }

            @Override
            public IStreamMonitor getErrorStreamMonitor() {
                return err;
            }

            @Override
            public void write(String input) throws IOException {
                OutputStream os = process.getOutputStream();
                os.write(input.getBytes(StandardCharsets.UTF_8));
                os.flush();
            }
        };
    }

    @Override
    public void setAttribute(String key, String value) {
        attributes.put(key, value);
        fire(DebugEvent.CHANGE);
    }

    @Override
    public String getAttribute(String key) {
        return attributes.get(key);
    }

    @Override
    public int getExitValue() throws DebugException {
        GuestExit e = exit;
        if (e == null) {
            throw new DebugException(org.eclipse.core.runtime.Status.error("QEMU is still running"));
        }
        return e.exitCode();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter.isInstance(this)) {
            return adapter.cast(this);
        }
        if (adapter == ILaunch.class) {
            return adapter.cast(launch);
        }
        return null;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() {
        if (!terminated) {
            kill();
        }
    }
}
