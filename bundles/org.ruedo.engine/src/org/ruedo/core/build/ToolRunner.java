package org.ruedo.core.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a build's tools: one process at a time per calling thread, each command reported to the listener
 * (with its output kept together when compilers run in parallel), its output parsed for diagnostics,
 * every command recorded. Reads block (no polling); a cancel is noticed by one watcher thread per build,
 * which kills the running tools and everything they started.
 */
final class ToolRunner implements AutoCloseable {
    private static final long CANCEL_POLL_MS = 20;

    final BuildListener listener;
    final CancelToken cancel;
    private final List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    private final Path workDir;
    /** Keeps one tool's command and output together in the listener when compilers run in parallel. */
    private final Object printLock = new Object();
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread watcher;

    ToolRunner(BuildListener listener, CancelToken cancel, Path workDir) {
        this.listener = listener;
        this.cancel = cancel;
        this.workDir = workDir;
    }

    /** Every command run so far, in order of start. */
    List<List<String>> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** The problems found so far, without repeats (a header's warning is reported once per file including it). */
    List<Problem> problems() {
        synchronized (problems) {
            return List.copyOf(new java.util.LinkedHashSet<>(problems));
        }
    }

    void addProblems(List<Problem> found) {
        problems.addAll(found);
    }

    /** Runs a command; its output is reported and parsed; true when it exited 0. */
    boolean run(List<String> cmd) throws IOException {
        return output(cmd) != null;
    }

    /** Runs a command, reports and parses its combined output; returns it when the tool exited 0, else null. */
    String output(List<String> cmd) throws IOException {
        return exec(cmd, true, false);
    }

    /** Runs a command whose failure does not fail the build: its problems are reported as warnings. */
    boolean optional(List<String> cmd) throws IOException {
        return exec(cmd, true, true) != null;
    }

    /** Runs a command and returns its stdout (not parsed for diagnostics; stderr discarded), or null on failure. */
    String capture(List<String> cmd) throws IOException {
        return exec(cmd, false, false);
    }

    /** Adds the problems of a kept tool output (an up-to-date product's warnings) without printing it. */
    void replay(Path log) throws IOException {
        String text;
        try {
            text = Files.readString(log);
        } catch (java.nio.file.NoSuchFileException e) {
            return;         // no warnings were kept (one failed open instead of an exists() and a read)
        }
        problems.addAll(DiagnosticParser.parse(text, workDir));
    }

    private String exec(List<String> cmd, boolean report, boolean optional) throws IOException {
        if (cancel.isCancelled()) {
            return null;
        }
        synchronized (printLock) {
            listener.line(String.join(" ", cmd), BuildListener.Kind.COMMAND);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        if (report) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);     // never block on a full stderr pipe
        }
        pb.environment().put("LC_ALL", "C");
        commands.add(List.copyOf(cmd));
        watchForCancel();
        Process p = pb.start();
        running.add(p);
        try {
            p.getOutputStream().close();        // tools read no input
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (report) {
                problems.addAll(parse(cmd, out, rc, optional));
            }
            return rc == 0 && !cancel.isCancelled() ? out : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
            return null;
        } finally {
            running.remove(p);
            if (p.isAlive()) {
                kill(p);
            }
        }
    }

    private List<Problem> parse(List<String> cmd, String out, int rc, boolean optional) {
        List<Problem> found = new ArrayList<>();
        if (!out.isEmpty()) {
            synchronized (printLock) {
                for (String line : out.split("\\R")) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    Problem pr = DiagnosticParser.parseLine(line, workDir);
                    if (pr != null && optional && pr.severity() == Problem.Severity.ERROR) {
                        pr = new Problem(pr.file(), pr.line(), pr.column(), Problem.Severity.WARNING, pr.message());
                    }
                    if (pr != null) {
                        found.add(pr);
                    }
                    listener.line(line, pr != null && pr.severity() == Problem.Severity.ERROR
                            ? BuildListener.Kind.ERROR : BuildListener.Kind.OUTPUT);
                }
            }
        }
        if (rc != 0 && !cancel.isCancelled() && found.stream().noneMatch(x -> x.severity() == Problem.Severity.ERROR)) {
            found.add(new Problem(null, 0, 0, optional ? Problem.Severity.WARNING : Problem.Severity.ERROR,
                    Path.of(cmd.get(0)).getFileName() + " failed with exit status " + rc));
        }
        return found;
    }

    /** Starts the build's cancel watcher (once): it kills the running tools when the token is cancelled. */
    private synchronized void watchForCancel() {
        if (watcher != null) {
            return;
        }
        watcher = new Thread(() -> {
            while (!closed) {
                if (cancel.isCancelled()) {
                    running.forEach(ToolRunner::kill);
                }
                try {
                    Thread.sleep(CANCEL_POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ruedo-build-cancel");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Kills a tool and everything it started (cc1, as). */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}
