package org.ruedo.launch.qmp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.debug.core.model.IProcess;
import org.ruedo.launch.LaunchConstants;

/**
 * The one QMP client of each running QEMU launch (QEMU takes a single client per QMP socket), shared
 * by every view that reads the machine: opened on first use, dropped when its QEMU is gone. Run and
 * Debug launches both have a monitor socket ({@link LaunchConstants#PROC_QMP_SOCKET}).
 */
public final class QemuMonitors {
    private static final Map<String, QmpClient> CLIENTS = new ConcurrentHashMap<>();

    private QemuMonitors() {
    }

    /** Whether the process is a QEMU launched with a monitor socket. */
    public static boolean hasMonitor(IProcess process) {
        return process != null && process.getAttribute(LaunchConstants.PROC_QMP_SOCKET) != null;
    }

    /**
     * The QMP client of a QEMU process, connected on first use.
     *
     * @throws QmpException when the process has no monitor socket, has ended, or QEMU does not answer
     */
    public static QmpClient of(IProcess process) throws QmpException {
        String socket = process == null ? null : process.getAttribute(LaunchConstants.PROC_QMP_SOCKET);
        if (socket == null) {
            throw new QmpException("this launch has no QEMU monitor socket (not a Ruedo QEMU launch)");
        }
        if (process.isTerminated()) {
            throw new QmpException("QEMU has exited");
        }
        synchronized (CLIENTS) {
            QmpClient c = CLIENTS.get(socket);
            if (c != null && c.isOpen()) {
                return c;
            }
            c = QmpClient.connect(Path.of(socket), Duration.ofSeconds(10), () -> !process.isTerminated());
            CLIENTS.put(socket, c);
            QmpClient mine = c;
            c.onEvent(ev -> {
                if (ev.name().equals("SHUTDOWN")) {
                    CLIENTS.remove(socket, mine);
                }
            });
            return c;
        }
    }

    /** Closes and forgets the client of a process (its QEMU exited). */
    public static void release(IProcess process) {
        String socket = process == null ? null : process.getAttribute(LaunchConstants.PROC_QMP_SOCKET);
        if (socket != null) {
            QmpClient c = CLIENTS.remove(socket);
            if (c != null) {
                c.close();
            }
        }
    }
}
