package org.ruedo.core.qemu;

/**
 * What QEMU's exit status says about the guest (docs/CONTRACTS.md §4). The kernel writes one byte v
 * to isa-debug-exit; QEMU exits with 2v+1.
 *
 * @param kind        what happened
 * @param appCode     the app's exit code (APP_EXIT only, else -1)
 * @param qemuStatus  QEMU's raw exit status (-1 when killed)
 */
public record GuestExit(Kind kind, int appCode, int qemuStatus) {
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
        /** killed: terminated by the user or a timeout. */
        KILLED
    }

    /** Byte the kernel writes for a panic. */
    public static final int PANIC_BYTE = 0x70;

    /** Decodes QEMU's exit status. */
    public static GuestExit decode(int status) {
        if (status == 0) {
            return new GuestExit(Kind.RESET, -1, status);
        }
        if (status == 1) {
            return new GuestExit(Kind.QEMU_ERROR, -1, status);
        }
        if (status < 0 || status > 255 || status % 2 == 0) {
            return new GuestExit(status > 128 && status % 2 == 0 ? Kind.KILLED : Kind.QEMU_ERROR, -1, status);
        }
        int v = (status - 1) / 2;
        if (v == PANIC_BYTE) {
            return new GuestExit(Kind.PANIC, -1, status);
        }
        return new GuestExit(Kind.APP_EXIT, v - 1, status);
    }

    /** A guest that was killed (terminate, timeout). */
    public static GuestExit killed() {
        return new GuestExit(Kind.KILLED, -1, -1);
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
            case KILLED -> "guest terminated";
        };
    }
}
