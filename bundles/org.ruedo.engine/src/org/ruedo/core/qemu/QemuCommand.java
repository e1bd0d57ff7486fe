package org.ruedo.core.qemu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private Path qmpSocket;
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
     * (see {@link #listenerProblem}).</li>
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
            String why = spec ? specProblem(value) : chardev ? chardevProblem(value) : listener ? listenerProblem(opt, value) : null;
            if (why != null) {
                return new ArgProblem(at, "QEMU argument '-" + opt + " " + value + "' is refused: " + why
                        + "; bind it to 127.0.0.1 (e.g. tcp:127.0.0.1:4444,server=on,wait=off; -vnc 127.0.0.1:0; "
                        + "hostfwd=tcp:127.0.0.1:5555-:22). For a debugger, " + USE_GDBSTUB);
            }
        }
        return null;
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("127.0.0.1") || h.equalsIgnoreCase("localhost");
    }

    private static String hostProblem(String kind, String host) {
        if (loopback(host)) {
            return null;
        }
        return host.isEmpty() ? "its " + kind + " endpoint has no host, so it listens on every network interface"
                : "its " + kind + " endpoint is bound to '" + host + "', not to 127.0.0.1";
    }

    /** The host of {@code HOST:PORT} (everything before the last ':'; {@code [v6]} brackets kept). */
    private static String hostOf(String hostPort) {
        int c = hostPort.lastIndexOf(':');
        return c < 0 ? "" : hostPort.substring(0, c);
    }

    /** Why a {@code -serial}-style device spec is refused, or null. */
    private static String specProblem(String value) {
        String v = value;
        if (v.regionMatches(true, 0, "mon:", 0, 4)) {
            v = v.substring(4);
        }
        int colon = v.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = v.substring(0, colon).toLowerCase(Locale.ROOT);
        String addr = beforeComma(v.substring(colon + 1));
        switch (kind) {
            case "tcp", "telnet", "tn3270", "websocket" -> {
                return hostProblem(kind, hostOf(addr));
            }
            case "udp" -> {
                int atSign = addr.indexOf('@');
                String remote = atSign < 0 ? addr : addr.substring(0, atSign);
                String why = hostProblem(kind, hostOf(remote));
                if (why == null && atSign >= 0) {
                    why = hostProblem("udp local", hostOf(addr.substring(atSign + 1)));
                }
                return why;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Why a listener option is refused, or null: {@code -vnc} (and {@code -display vnc=}) on a display whose
     * host is not loopback ({@code :1} listens on every interface), {@code -incoming tcp:|rdma:} likewise, a
     * user-network {@code hostfwd=} rule whose host address is empty or not loopback, a socket netdev's
     * {@code listen=}, and {@code -spice} with a port but no loopback {@code addr=}.
     */
    private static String listenerProblem(String opt, String value) {
        switch (opt) {
            case "display" -> {
                return value.startsWith("vnc=") ? vncProblem(value.substring(4)) : null;
            }
            case "vnc" -> {
                return vncProblem(value);
            }
            case "incoming" -> {
                for (String kind : List.of("tcp:", "rdma:")) {
                    if (value.startsWith(kind)) {
                        return hostProblem("migration " + kind.substring(0, kind.length() - 1),
                                hostOf(beforeComma(value.substring(kind.length()))));
                    }
                }
                return null;
            }
            case "spice" -> {
                java.util.Map<String, String> kv = keyValues(qemuOpts(value));
                if (!kv.containsKey("port") && !kv.containsKey("tls-port")) {
                    return null;
                }
                return hostProblem("SPICE", kv.getOrDefault("addr", ""));
            }
            default -> {       // netdev, net, nic
                for (String part : qemuOpts(value)) {
                    if (part.startsWith("hostfwd=")) {
                        String rule = part.substring("hostfwd=".length());
                        if (rule.startsWith("tcp:") || rule.startsWith("udp:")) {
                            rule = rule.substring(4);
                        } else if (rule.startsWith(":")) {
                            rule = rule.substring(1);
                        }
                        int dash = rule.indexOf('-');
                        String why = hostProblem("port forward", hostOf(dash < 0 ? rule : rule.substring(0, dash)));
                        if (why != null) {
                            return why;
                        }
                    } else if (part.startsWith("listen=")) {
                        String why = hostProblem("socket netdev listen", hostOf(part.substring("listen=".length())));
                        if (why != null) {
                            return why;
                        }
                    }
                }
                return null;
            }
        }
    }

    /** Why a {@code -vnc} display is refused, or null ({@code none} and {@code unix:} sockets are fine). */
    private static String vncProblem(String value) {
        if (value.equals("none") || value.startsWith("unix:")) {
            return null;
        }
        return hostProblem("VNC", hostOf(beforeComma(value)));
    }

    /** {@code value} up to its first comma (the address of an {@code ADDR,opt=...} value). */
    private static String beforeComma(String value) {
        int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma);
    }

    /** The {@code key=value} parts of a QemuOpts value, keys in lower case (parts without '=' are left out). */
    private static java.util.Map<String, String> keyValues(List<String> parts) {
        java.util.Map<String, String> kv = new java.util.HashMap<>();
        for (String p : parts) {
            int e = p.indexOf('=');
            if (e >= 0) {
                kv.put(p.substring(0, e).toLowerCase(Locale.ROOT), p.substring(e + 1));
            }
        }
        return kv;
    }

    /** A QemuOpts value split at its commas ({@code ,,} is a literal comma). */
    private static List<String> qemuOpts(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            if (ch == ',' && k + 1 < value.length() && value.charAt(k + 1) == ',') {
                cur.append(',');
                k++;
            } else if (ch == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    /** Why a {@code -chardev BACKEND,key=value,...} is refused, or null. */
    private static String chardevProblem(String value) {
        List<String> parts = qemuOpts(value);
        java.util.Map<String, String> kv = keyValues(parts);
        String backend = kv.containsKey("backend") ? kv.get("backend")
                : parts.stream().filter(p -> p.indexOf('=') < 0).findFirst().orElse(null);
        if (backend == null) {
            return null;
        }
        switch (backend.toLowerCase(Locale.ROOT)) {
            case "socket" -> {
                if (kv.containsKey("path") || kv.containsKey("fd")) {
                    return null;        // a unix socket or a socket passed in
                }
                return hostProblem("socket", kv.getOrDefault("host", ""));
            }
            case "udp" -> {
                String why = hostProblem("udp", kv.getOrDefault("host", ""));
                if (why == null && (kv.containsKey("localaddr") || kv.containsKey("localport"))) {
                    why = hostProblem("udp local", kv.getOrDefault("localaddr", ""));
                }
                return why;
            }
            default -> {
                return null;
            }
        }
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
