package org.ruedo.core.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a user QEMU argument's endpoint listens or connects: the host checks behind
 * {@link QemuCommand#checkUserArgs} (docs/CONTRACTS.md §4: only 127.0.0.1, or a Unix socket).
 */
final class QemuEndpoints {
    private QemuEndpoints() {
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
    static String specProblem(String value) {
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
    static String listenerProblem(String opt, String value) {
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
    static String chardevProblem(String value) {
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
}
