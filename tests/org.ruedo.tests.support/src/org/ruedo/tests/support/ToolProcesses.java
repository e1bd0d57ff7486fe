package org.ruedo.tests.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;

/**
 * The QEMU and gdb processes of this JVM, by pid, for the launch, debug and fault tests (DEVELOPERS.md: tests never
 * leave a QEMU or gdb running, checked by pid):
 * {@link #record()} before a test notes the ones already there; {@link #assertNoneLeft()} after it
 * terminates the launches, gives new ones a grace period to end, then kills any still alive and fails.
 */
public final class ToolProcesses {
    private static final long GRACE_MS = 10_000;

    private final Set<Long> before;

    private ToolProcesses(Set<Long> before) {
        this.before = before;
    }

    /** Notes the pids of this JVM's live QEMU/gdb descendants. */
    public static ToolProcesses record() {
        return new ToolProcesses(ours().stream().map(ProcessHandle::pid).collect(Collectors.toSet()));
    }

    /** Terminates every launch, waits up to 10 s, kills the QEMU/gdb started since {@link #record()} and fails if there was any. */
    public void assertNoneLeft() throws Exception {
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            if (!l.isTerminated()) {
                try {
                    l.terminate();
                } catch (DebugException e) {
                    // the pid check below says whether anything stayed
                }
            }
        }
        long end = System.currentTimeMillis() + GRACE_MS;
        List<ProcessHandle> left = leftovers();
        while (!left.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
            left = leftovers();
        }
        if (!left.isEmpty()) {
            String names = left.stream().map(ToolProcesses::describe).collect(Collectors.joining("\n  "));
            for (ProcessHandle h : left) {
                h.destroyForcibly();
                h.onExit().get(5, TimeUnit.SECONDS);
            }
            throw new AssertionError("the test left QEMU/gdb running (killed now):\n  " + names);
        }
    }

    private List<ProcessHandle> leftovers() {
        return ours().stream().filter(h -> !before.contains(h.pid())).toList();
    }

    /** Live QEMU and gdb processes started (directly or not) by this JVM. */
    public static List<ProcessHandle> ours() {
        return ProcessHandle.current().descendants().filter(h -> h.isAlive() && isTool(h)).toList();
    }

    /** Whether the process is a QEMU or a gdb. */
    public static boolean isTool(ProcessHandle h) {
        String cmd = h.info().command().orElse("");
        return cmd.endsWith("/qemu-system-x86_64") || cmd.endsWith("/gdb") || cmd.equals("gdb") || cmd.equals("qemu-system-x86_64");
    }

    /**
     * Whether process {@code pid} no longer runs: gone from /proc, or a zombie (dead, waiting for whoever adopted it to
     * reap it). Read from {@code /proc/PID/stat}, independent of the JVM's own bookkeeping.
     */
    public static boolean dead(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    public static String describe(ProcessHandle h) {
        return h.pid() + " " + h.info().commandLine().orElse(h.info().command().orElse("?"));
    }
}
