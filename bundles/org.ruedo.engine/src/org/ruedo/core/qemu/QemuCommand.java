package org.ruedo.core.qemu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds QEMU's argument list for booting a unikernel image (docs/CONTRACTS.md §4). Always an argv
 * list, never a shell string; the gdbstub is only ever bound to 127.0.0.1 (never {@code -s}). User
 * arguments (manifest {@code [run] qemu-args}, {@code ruedo run -- ...}, a launch's extra arguments) pass
 * {@link #checkUserArgs} first: they may not open a gdbstub or a network endpoint off 127.0.0.1.
 */
public final class QemuCommand {
    private Path qemu = Path.of("qemu-system-x86_64");
    private Path image;
    private int memoryMiB = 128;
    private int cpus = 1;
    private boolean frozen;
    private int gdbPort = -1;
    private boolean gdbPortPicked;
    private Path qmpSocket;
    private final List<String> extra = new ArrayList<>();
    private final List<String> ruedo = new ArrayList<>();

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

    /**
     * Enables the gdbstub on 127.0.0.1:port; port 0 picks a port free now. Another process may take a
     * picked port before QEMU binds it: {@link QemuStart} then picks again ({@link #repickGdbPort}).
     */
    public QemuCommand gdbPort(int port) throws IOException {
        this.gdbPort = port == 0 ? freeLoopbackPort() : port;
        this.gdbPortPicked = port == 0;
        return this;
    }

    /** Whether the gdbstub port was picked here (gdbPort(0)) rather than chosen by the user. */
    public boolean gdbPortPicked() {
        return gdbPortPicked;
    }

    /** Picks another free gdbstub port (after QEMU found the picked one taken). */
    void repickGdbPort(int port) {
        this.gdbPort = port;
    }

    /**
     * Opens QEMU's QMP monitor on a Unix socket at {@code socket} ({@code -qmp unix:PATH,server=on,wait=off}):
     * never a TCP port. The caller owns the socket's private directory and removes it when QEMU exits.
     *
     * @throws IllegalArgumentException when the path has a comma (QEMU's option separator)
     */
    public QemuCommand qmpSocket(Path socket) {
        if (socket != null && socket.toString().indexOf(',') >= 0) {
            throw new IllegalArgumentException("QMP socket path has a comma: " + socket);
        }
        this.qmpSocket = socket;
        return this;
    }

    /**
     * Appends user arguments. Callers check them with {@link #checkUserArgs} first and report the problem
     * their own way; arguments that fail the check are refused here too.
     *
     * @throws IllegalArgumentException when {@link #checkUserArgs} finds a problem
     */
    public QemuCommand extraArgs(List<String> args) {
        ArgProblem p = checkUserArgs(args);
        if (p != null) {
            throw new IllegalArgumentException(p.message());
        }
        extra.addAll(args);
        return this;
    }

    /**
     * Options Ruedo itself adds after the user's (the record/replay options of a {@link Recording}); they are
     * not user arguments, so they are not checked by {@link #checkUserArgs}.
     */
    public QemuCommand ruedoArgs(List<String> args) {
        ruedo.addAll(args);
        return this;
    }

    /**
     * A user QEMU argument Ruedo refuses: {@code index} into the checked list (the option, or its value
     * when the value is what is wrong) and a message that says why and what to use instead.
     */
    public record ArgProblem(int index, String message) {
    }

    /** Options whose value is a character-device spec ({@code tcp:HOST:PORT,...}, {@code udp:...}, {@code mon:...}). */
    private static final Set<String> CHARDEV_SPEC_OPTIONS = Set.of("serial", "monitor", "qmp", "qmp-pretty", "parallel",
            "debugcon");
    /** Options whose value may open a listening socket of QEMU's own (VNC, migration, port forwards, SPICE). */
    private static final Set<String> LISTENER_OPTIONS = Set.of("vnc", "display", "incoming", "netdev", "net", "nic", "spice");
    /** Options that take a free-text value which may start with '-' ({@code -append "-s"} is no -s). */
    private static final Set<String> TEXT_VALUE_OPTIONS = Set.of("append", "name");
    private static final String USE_GDBSTUB = "Ruedo's gdbstub is always bound to 127.0.0.1: use the gdbstub option instead "
            + "(ruedo debug --port P; in a launch configuration, the Debugger tab's gdbstub port)";

    /** {@link #checkUserArgs}'s message, or null when the arguments are fine. */
    public static String userArgsError(List<String> args) {
        ArgProblem p = checkUserArgs(args);
        return p == null ? null : p.message();
    }

    /**
     * Checks user QEMU arguments against docs/CONTRACTS.md §4 (the gdbstub is only ever bound to 127.0.0.1).
     * Refused, in any spelling QEMU or a user might use ({@code -opt}, {@code --opt}, {@code -opt=value}):
     * <ul>
     * <li>{@code -s} (a gdbstub on 0.0.0.0:1234) and {@code -gdb} (any device: the gdbstub is Ruedo's);</li>
     * <li>{@code -serial}, {@code -monitor}, {@code -qmp}, {@code -qmp-pretty}, {@code -parallel}, {@code -debugcon}
     * with a {@code tcp:}, {@code telnet:}, {@code tn3270:}, {@code websocket:} or {@code udp:} endpoint (also after
     * {@code mon:}) whose host is not {@code 127.0.0.1} or {@code localhost} (an empty host means every interface);</li>
     * <li>{@code -chardev socket,...} without {@code path=}/{@code fd=} whose {@code host=} is missing or not loopback,
     * and {@code -chardev udp,...} whose {@code host=} or {@code localaddr=} is not loopback (or that has a
     * {@code localport=} without a loopback {@code localaddr=});</li>
     * <li>listeners of QEMU's own off loopback: {@code -vnc :N}, {@code -display vnc=}, {@code -incoming tcp:},
     * {@code hostfwd=} rules and socket {@code listen=} in {@code -netdev}/{@code -net}/{@code -nic}, {@code -spice port=}
     * (see {@link QemuEndpoints#listenerProblem}).</li>
     * <li>{@code -smp} and {@code -m}: the CPU count and memory come from Ruedo's own, range-checked settings, which a
     * later {@code -smp}/{@code -m} would silently override ({@code -m 1} hangs the guest with no output).</li>
     * </ul>
     * Unix sockets, files, {@code stdio}, {@code none} and {@code chardev:ID} references are fine.
     *
     * @return the first problem, or null when there is none
     */
    public static ArgProblem checkUserArgs(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.length() < 2 || a.charAt(0) != '-') {
                continue;
            }
            String opt = a.replaceFirst("^-+", "");
            String inline = null;
            int eq = opt.indexOf('=');
            if (eq >= 0) {
                inline = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            }
            if (opt.equals("s")) {
                return new ArgProblem(i, "QEMU argument '" + a + "' is refused: -s opens a gdbstub on every network "
                        + "interface (0.0.0.0:1234). " + USE_GDBSTUB);
            }
            if (opt.equals("gdb")) {
                return new ArgProblem(i, "QEMU argument '" + a + "' is refused: -gdb opens a gdbstub Ruedo does not control. "
                        + USE_GDBSTUB);
            }
            if (opt.equals("smp") || opt.equals("m")) {
                String v = inline == null && i + 1 < args.size() ? " " + args.get(i + 1) : "";
                return new ArgProblem(i, "QEMU argument '" + a + v + "' is refused: " + (opt.equals("m")
                        ? "the guest memory comes from --mem, [run] memory or the launch's Memory field (16..4096 MiB, checked there)"
                        : "the CPU count comes from --cpus, [run] cpus or the launch's CPUs field (1..8, checked there)")
                        + "; a -" + opt + " among the QEMU arguments would override it unchecked");
            }
            boolean spec = CHARDEV_SPEC_OPTIONS.contains(opt);
            boolean chardev = opt.equals("chardev");
            boolean listener = LISTENER_OPTIONS.contains(opt);
            if (!spec && !chardev && !listener && !TEXT_VALUE_OPTIONS.contains(opt)) {
                continue;
            }
            int at = i;
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.size()) {
                    continue;       // QEMU itself says the value is missing
                }
                value = args.get(++i);
                at = i;
            }
            String why = spec ? QemuEndpoints.specProblem(value) : chardev ? QemuEndpoints.chardevProblem(value)
                    : listener ? QemuEndpoints.listenerProblem(opt, value) : null;
            if (why != null) {
                return new ArgProblem(at, "QEMU argument '-" + opt + " " + value + "' is refused: " + why
                        + "; bind it to 127.0.0.1 (e.g. tcp:127.0.0.1:4444,server=on,wait=off; -vnc 127.0.0.1:0; "
                        + "hostfwd=tcp:127.0.0.1:5555-:22). For a debugger, " + USE_GDBSTUB);
            }
        }
        return null;
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
        if (qmpSocket != null) {
            a.add("-qmp");
            a.add("unix:" + qmpSocket + ",server=on,wait=off");
        }
        a.addAll(extra);
        a.addAll(ruedo);
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
