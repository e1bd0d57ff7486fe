package org.ruedo.core.qemu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What QEMU's exit status says about the guest (docs/CONTRACTS.md §4). The kernel writes one byte v
 * to isa-debug-exit; QEMU exits with 2v+1. App exit codes are 0..62, so v is at most 63 and the
 * status at most 127: a status of 128+n (n = 1..64) is what {@link Process#waitFor()} reports for a
 * QEMU killed by signal n, and can never be mistaken for an app's exit. A QEMU that catches the
 * signal (SIGTERM, SIGINT, SIGHUP) exits 0 after printing {@code terminating on signal N} on stderr.
 *
 * @param kind        what happened
 * @param appCode     the app's exit code (APP_EXIT only, else -1)
 * @param qemuStatus  QEMU's raw exit status (-1 when killed by Ruedo)
 * @param signal      the signal that ended QEMU from outside (KILLED only; 0 when Ruedo killed it,
 *                    {@link #FROM_GDB} when gdb's kill did)
 */
public record GuestExit(Kind kind, int appCode, int qemuStatus, int signal) {
    /** Categories of endings. */
    public enum Kind {
        /** main returned or exit() was called: appCode holds the code. */
        APP_EXIT,
        /** kernel panic or CPU exception; a crash report was printed. */
        PANIC,
        /** the guest reset (a triple fault) or shut down without an exit code. */
        RESET,
        /** QEMU itself failed (bad arguments, missing image, port in use...). */
        QEMU_ERROR,
        /** killed: terminated by the user or a timeout, or QEMU killed by a signal from outside. */
        KILLED
    }

    /** Byte the kernel writes for a panic. */
    public static final int PANIC_BYTE = 0x70;

    /** The largest app exit code the kernel passes on (larger ones become this). */
    public static final int MAX_APP_CODE = 62;

    /** {@link #signal()} of a guest killed from gdb ({@code kill}; QEMU says "Terminated via GDBstub" and exits 0). */
    public static final int FROM_GDB = -1;

    private static final Pattern CAUGHT_SIGNAL = Pattern.compile("terminating on signal (\\d+)");

    /** Decodes QEMU's exit status alone. */
    public static GuestExit decode(int status) {
        return decode(status, "");
    }

    /**
     * Decodes QEMU's exit status, with what QEMU printed on stderr (which tells a QEMU that caught a
     * terminating signal, and exits 0, from a guest reset).
     */
    public static GuestExit decode(int status, String stderr) {
        if (status == 0) {
            Matcher m = CAUGHT_SIGNAL.matcher(stderr == null ? "" : stderr);
            if (m.find()) {
                return new GuestExit(Kind.KILLED, -1, status, Integer.parseInt(m.group(1)));
            }
            if (stderr != null && stderr.contains("Terminated via GDBstub")) {
                return new GuestExit(Kind.KILLED, -1, status, FROM_GDB);
            }
            return new GuestExit(Kind.RESET, -1, status, 0);
        }
        if (status == 1) {
            return new GuestExit(Kind.QEMU_ERROR, -1, status, 0);
        }
        if (status > 128 && status <= 128 + 64 && status != 2 * PANIC_BYTE + 1) {
            return new GuestExit(Kind.KILLED, -1, status, status - 128);
        }
        if (status < 0 || status > 255 || status % 2 == 0) {
            return new GuestExit(Kind.QEMU_ERROR, -1, status, 0);
        }
        int v = (status - 1) / 2;
        if (v == PANIC_BYTE) {
            return new GuestExit(Kind.PANIC, -1, status, 0);
        }
        return new GuestExit(Kind.APP_EXIT, v - 1, status, 0);
    }

    /** A guest that was killed by Ruedo (terminate, timeout). */
    public static GuestExit killed() {
        return new GuestExit(Kind.KILLED, -1, -1, 0);
    }

    /** The {@code ruedo run} exit code: the app's code, or 100 (panic), 101 (reset), 102 (QEMU error), 103 (killed). */
    public int exitCode() {
        return switch (kind) {
            case APP_EXIT -> appCode;
            case PANIC -> 100;
            case RESET -> 101;
            case QEMU_ERROR -> 102;
            case KILLED -> 103;
        };
    }

    /** One line for people. */
    public String describe() {
        return switch (kind) {
            case APP_EXIT -> "guest exited with code " + appCode;
            case PANIC -> "kernel panic: the guest crashed (see the crash report)";
            case RESET -> "guest reset without an exit code (triple fault?)";
            case QEMU_ERROR -> "QEMU failed (exit status " + qemuStatus + ")";
            case KILLED -> signal == 0 ? "guest terminated"
                    : signal == FROM_GDB ? "guest killed from gdb"
                    : "QEMU was killed from outside by signal " + signal + signalName(signal);
        };
    }

    private static String signalName(int n) {
        return switch (n) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
