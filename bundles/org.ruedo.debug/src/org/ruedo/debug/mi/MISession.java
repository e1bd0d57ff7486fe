package org.ruedo.debug.mi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tokenised command queue over a gdb {@code -i=mi2} process's streams. Commands get increasing
 * tokens; their {@code ^} result completes the matching future. Async and stream records go to the
 * listeners in arrival order, on the reader thread — note that an async record (e.g. {@code *running})
 * may arrive before the {@code ^running} of the command that caused it. A line that is not MI is
 * passed on as {@link MIRecord.Unparsed} and reading goes on. When gdb's output ends (gdb died or
 * exited), or it printed {@link #MAX_GARBAGE_LINES} non-MI lines in a row, every pending command fails
 * with the reason and {@link Listener#closed} is called: nothing waits forever.
 */
public final class MISession implements AutoCloseable {
    /** Receives out-of-band records. */
    public interface Listener {
        default void async(MIRecord.Async record) {
        }

        default void stream(MIRecord.Stream record) {
        }

        /** A line that was not MI. */
        default void unparsed(MIRecord.Unparsed record) {
        }

        /** gdb answered a command with {@code ^error} (called before the command's future completes). */
        default void error(MIRecord.Result record) {
        }

        /** gdb's output ended; {@code reason} says why. */
        default void closed(String reason) {
        }
    }

    /**
     * This many non-MI lines in a row mean the peer is not speaking GDB/MI (a wrong gdb, a wrapper
     * script...): the session ends with a message instead of timing out command after command.
     */
    public static final int MAX_GARBAGE_LINES = 50;

    private final OutputStream toGdb;
    private final Map<Integer, CompletableFuture<MIRecord.Result>> pending = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextToken = new AtomicInteger(1);
    private final Thread reader;
    private volatile String closedReason;
    private volatile String lastUnparsed;
    private volatile long defaultTimeoutMs = 10_000;

    /** Starts reading {@code fromGdb} at once. */
    public MISession(InputStream fromGdb, OutputStream toGdb) {
        this.toGdb = toGdb;
        this.reader = new Thread(() -> read(fromGdb), "ruedo-gdb-mi-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Timeout of {@link #execute(MICommand)}. */
    public void setDefaultTimeout(long ms) {
        defaultTimeoutMs = ms;
    }

    private void read(InputStream in) {
        String reason = "gdb exited";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int garbage = 0;
            while ((line = r.readLine()) != null) {
                MIRecord rec = MIParser.parse(line);
                dispatch(rec);
                garbage = rec instanceof MIRecord.Unparsed u ? garbage + (u.line().isBlank() ? 0 : 1) : 0;
                if (garbage >= MAX_GARBAGE_LINES) {
                    reason = "gdb's output is not GDB/MI (" + garbage + " lines in a row that do not parse, the last: '"
                            + lastUnparsed + "')";
                    break;
                }
            }
        } catch (IOException e) {
            reason = "gdb connection lost: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "gdb reader failed: " + e;
        }
        // closedReason first, then the drain; send() registers first, then checks closedReason: either
        // the drain sees a command or its sender sees the reason (both may; completing twice is harmless)
        closedReason = reason;
        for (Integer token : List.copyOf(pending.keySet())) {
            CompletableFuture<MIRecord.Result> f = pending.remove(token);
            if (f != null) {
                f.completeExceptionally(new MIException(reason));
            }
        }
        for (Listener l : listeners) {
            l.closed(reason);
        }
    }

    private void dispatch(MIRecord rec) {
        try {
            switch (rec) {
                case MIRecord.Result r -> {
                    if (r.isError()) {
                        listeners.forEach(l -> l.error(r));
                    }
                    CompletableFuture<MIRecord.Result> f = r.token() == null ? null : pending.remove(r.token());
                    if (f != null) {
                        f.complete(r);
                    }
                }
                case MIRecord.Async a -> listeners.forEach(l -> l.async(a));
                case MIRecord.Stream s -> listeners.forEach(l -> l.stream(s));
                case MIRecord.Unparsed u -> {
                    if (!u.line().isBlank()) {
                        lastUnparsed = u.line();
                    }
                    listeners.forEach(l -> l.unparsed(u));
                }
                case MIRecord.Prompt p -> {
                }
            }
        } catch (RuntimeException e) {
            // a listener's bug must not kill the reader
        }
    }

    /**
     * Sends a command; the future completes with gdb's result record (also for ^error). Once gdb's output
     * ended it fails at once, also for a command sent while the reader is ending the session.
     */
    public CompletableFuture<MIRecord.Result> send(MICommand<?> cmd) {
        CompletableFuture<MIRecord.Result> f = new CompletableFuture<>();
        if (closedReason != null) {
            f.completeExceptionally(new MIException(closedReason));
            return f;
        }
        int token = nextToken.getAndIncrement();
        pending.put(token, f);
        String reason = closedReason;
        if (reason != null) {
            // the session ended between the check above and the put: the reader's drain may have missed it
            pending.remove(token);
            f.completeExceptionally(new MIException(reason));
            return f;
        }
        try {
            synchronized (toGdb) {
                toGdb.write((cmd.wire(token) + "\n").getBytes(StandardCharsets.UTF_8));
                toGdb.flush();
            }
        } catch (IOException e) {
            pending.remove(token);
            f.completeExceptionally(new MIException("cannot write to gdb: " + e.getMessage(), e));
        }
        return f;
    }

    /**
     * Sends a command without waiting: the future completes with the typed result, or fails with an
     * {@link MIException} on {@code ^error}, on gdb's death, or when no answer came within
     * {@code timeoutMs} (the command is then forgotten; a late answer is dropped).
     */
    public <R> CompletableFuture<R> submit(MICommand<R> cmd, long timeoutMs) {
        CompletableFuture<MIRecord.Result> sent = send(cmd);
        CompletableFuture<R> typed = new CompletableFuture<>();
        sent.whenComplete((r, e) -> {
            if (e != null) {
                typed.completeExceptionally(e instanceof MIException ? e : new MIException(e.toString(), e));
            } else if (r.isError()) {
                String msg = r.errorMessage() != null ? r.errorMessage() : "error";
                typed.completeExceptionally(new MIException(msg.startsWith(cmd.operation()) ? msg : cmd.operation() + ": " + msg));
            } else {
                try {
                    typed.complete(cmd.result(r));
                } catch (RuntimeException x) {
                    typed.completeExceptionally(new MIException(cmd.operation() + ": unexpected answer: " + x, x));
                }
            }
        });
        CompletableFuture.delayedExecutor(timeoutMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (!sent.isDone()) {
                pending.values().remove(sent);
                String junk = lastUnparsed;
                sent.completeExceptionally(new MIException(cmd.operation() + " timed out after " + timeoutMs
                        + " ms (no answer from gdb" + (junk != null ? "; its last output was not GDB/MI: '" + junk + "'" : "") + ")"));
            }
        });
        return typed;
    }

    /** Sends a command and waits for its typed result; ^error, timeout and gdb death become MIException. */
    public <R> R execute(MICommand<R> cmd, long timeoutMs) throws MIException {
        CompletableFuture<MIRecord.Result> f = send(cmd);
        MIRecord.Result r;
        try {
            r = f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            pending.values().remove(f);
            String junk = lastUnparsed;
            throw new MIException(cmd.operation() + " timed out after " + timeoutMs + " ms (no answer from gdb"
                    + (junk != null ? "; its last output was not GDB/MI: '" + junk + "'" : "") + ")");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof MIException m ? m : new MIException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MIException("interrupted");
        }
        if (r.isError()) {
            String msg = r.errorMessage() != null ? r.errorMessage() : "error";
            throw new MIException(msg.startsWith(cmd.operation()) ? msg : cmd.operation() + ": " + msg);
        }
        return cmd.result(r);
    }

    /** {@link #execute(MICommand, long)} with the default timeout. */
    public <R> R execute(MICommand<R> cmd) throws MIException {
        return execute(cmd, defaultTimeoutMs);
    }

    /** True once gdb's output ended. */
    public boolean isClosed() {
        return closedReason != null;
    }

    /** Why the session ended, or null. */
    public String closedReason() {
        return closedReason;
    }

    /** Commands sent but not answered. */
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void close() {
        try {
            toGdb.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
