package org.ruedo.core.qemu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds QEMU's argument list for booting a unikernel image (docs/CONTRACTS.md §4). Always an argv
 * list, never a shell string; the gdbstub is only ever bound to 127.0.0.1 (never {@code -s}).
 */
public final class QemuCommand {
    private Path qemu = Path.of("qemu-system-x86_64");
    private Path image;
    private int memoryMiB = 128;
    private int cpus = 1;
    private boolean frozen;
    private int gdbPort = -1;
    private final List<String> extra = new ArrayList<>();

    public QemuCommand qemu(Path binary) {
        this.qemu = binary;
        return this;
    }

    public QemuCommand image(Path image) {
        this.image = image;
        return this;
    }

    public QemuCommand memory(int mib) {
        this.memoryMiB = mib;
        return this;
    }

    public QemuCommand cpus(int n) {
        this.cpus = n;
        return this;
    }

    /** Start with the CPUs stopped ({@code -S}), waiting for a debugger. */
    public QemuCommand frozen(boolean frozen) {
        this.frozen = frozen;
        return this;
    }

    /** Enables the gdbstub on 127.0.0.1:port; port 0 picks a free port now. */
    public QemuCommand gdbPort(int port) throws IOException {
        this.gdbPort = port == 0 ? freeLoopbackPort() : port;
        return this;
    }

    public QemuCommand extraArgs(List<String> args) {
        extra.addAll(args);
        return this;
    }

    /** The gdbstub port, or -1 when disabled. */
    public int gdbPort() {
        return gdbPort;
    }

    /** The argv. */
    public List<String> build() {
        if (image == null) {
            throw new IllegalStateException("no image");
        }
        List<String> a = new ArrayList<>(List.of(qemu.toString(), "-nodefaults", "-display", "none", "-no-reboot",
                "-serial", "stdio", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-m", Integer.toString(memoryMiB), "-smp", Integer.toString(cpus), "-kernel", image.toString()));
        if (frozen) {
            a.add("-S");
        }
        if (gdbPort >= 0) {
            a.add("-gdb");
            a.add("tcp:127.0.0.1:" + gdbPort);
        }
        a.addAll(extra);
        return a;
    }

    /** A port nothing listens on right now, on the loopback interface. */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** True when something already listens on 127.0.0.1:port. */
    public static boolean portInUse(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The argv as one line for display (quoted where needed); never executed by a shell. */
    public static String display(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String s : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(s.matches("[A-Za-z0-9_./:=,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
