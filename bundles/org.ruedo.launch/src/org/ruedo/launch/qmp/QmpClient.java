package org.ruedo.launch.qmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.ruedo.launch.qmp.commands.QmpCapabilities;

/**
 * A client of QEMU's QMP monitor on a Unix socket ({@code -qmp unix:PATH,server=on,wait=off}; never a
 * TCP port). {@link #connect} reads the greeting and negotiates capabilities:
 * <pre>
 * &lt;- {"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": "..."}, "capabilities": ["oob"]}}
 * -&gt; {"execute": "qmp_capabilities", "id": 1}
 * &lt;- {"return": {}, "id": 1}
 * </pre>
 * after which commands ({@link #execute}) may be sent from any thread; answers are matched by
 * {@code id}, events go to the {@link #onEvent} listeners (on the reader thread: keep them short).
 * When the socket closes (QEMU exited) every pending command fails with a {@link QmpException} and
 * later ones fail at once. QEMU accepts one client per QMP socket: share a client
 * ({@link QemuMonitors}).
 */
public final class QmpClient implements AutoCloseable {
    private final SocketChannel channel;
    private final OutputStream out;
    private final BufferedReader in;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<QmpEvent>> listeners = new CopyOnWriteArrayList<>();
    private final String version;
    private volatile String closedWhy;
    private volatile Duration timeout = Duration.ofSeconds(10);

    private QmpClient(SocketChannel channel) throws IOException, QmpException {
        this.channel = channel;
        this.out = Channels.newOutputStream(channel);
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        String greeting = in.readLine();
        if (greeting == null) {
            throw new QmpException("QEMU's monitor closed before its greeting");
        }
        this.version = versionOf(greeting);
        Thread reader = new Thread(this::readLoop, "ruedo-qmp-reader");
        reader.setDaemon(true);
        reader.start();
        execute(new QmpCapabilities());
    }

    @SuppressWarnings("unchecked")
    private static String versionOf(String greeting) throws QmpException {
        Object g;
        try {
            g = Json.parse(greeting);
        } catch (IllegalArgumentException e) {
            throw new QmpException("not a QMP greeting: " + greeting);
        }
        if (!(g instanceof Map<?, ?> m) || !(m.get("QMP") instanceof Map<?, ?> qmp)) {
            throw new QmpException("not a QMP greeting: " + greeting);
        }
        if (qmp.get("version") instanceof Map<?, ?> v && v.get("qemu") instanceof Map<?, ?> q) {
            Map<String, Object> qv = (Map<String, Object>) q;
            return qv.get("major") + "." + qv.get("minor") + "." + qv.get("micro");
        }
        return "?";
    }

    /**
     * Connects to the QMP socket at {@code socket}, retrying while it does not accept yet (QEMU creates
     * it a moment after it starts) and {@code alive} says the QEMU is still running.
     *
     * @throws QmpException when it cannot connect within {@code within}, QEMU died, or the peer does not
     *                      speak QMP
     */
    public static QmpClient connect(Path socket, Duration within, BooleanSupplier alive) throws QmpException {
        long deadline = System.nanoTime() + within.toNanos();
        IOException last = null;
        long backoff = 5;
        while (true) {
            if (Files.exists(socket)) {
                SocketChannel ch = null;
                try {
                    ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    return new QmpClient(ch);
                } catch (IOException e) {
                    last = e;
                    closeQuietly(ch);
                } catch (QmpException e) {
                    closeQuietly(ch);
                    throw e;
                }
            }
            if (!alive.getAsBoolean()) {
                throw new QmpException("QEMU exited before its monitor socket " + socket + " accepted a connection");
            }
            if (System.nanoTime() > deadline) {
                throw new QmpException("QEMU's monitor socket " + socket + " did not accept a connection within "
                        + within.toMillis() + " ms" + (last == null ? " (it does not exist)" : ": " + last.getMessage()));
            }
            try {
                Thread.sleep(backoff);      // polling a socket QEMU has not created yet; not a wait on a result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QmpException("interrupted while connecting to " + socket);
            }
            backoff = Math.min(backoff * 2, 100);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** QEMU's version from the greeting, e.g. {@code 7.2.0}. */
    public String qemuVersion() {
        return version;
    }

    /** How long {@link #execute} waits for an answer (default 10 s). */
    public void setTimeout(Duration d) {
        this.timeout = d;
    }

    /** Adds an event listener (called on the reader thread). */
    public void onEvent(Consumer<QmpEvent> l) {
        listeners.add(l);
    }

    public void removeEventListener(Consumer<QmpEvent> l) {
        listeners.remove(l);
    }

    /** True until the socket closed or {@link #close} was called. */
    public boolean isOpen() {
        return closedWhy == null;
    }

    /**
     * Sends a command and waits for its answer.
     *
     * @throws QmpException QEMU's error, or the monitor closed, or no answer in time
     */
    public <T> T execute(QmpCommand<T> cmd) throws QmpException {
        Map<String, Object> answer = send(cmd);
        if (answer.get("error") instanceof Map<?, ?> e) {
            throw new QmpException(String.valueOf(e.get("class")), cmd.name() + ": " + e.get("desc"));
        }
        if (!answer.containsKey("return")) {
            throw new QmpException(cmd.name() + ": answer without return or error: " + Json.write(answer));
        }
        return cmd.result(answer.get("return"));
    }

    private Map<String, Object> send(QmpCommand<?> cmd) throws QmpException {
        String why = closedWhy;
        if (why != null) {
            throw new QmpException(cmd.name() + ": " + why);
        }
        long id = ids.incrementAndGet();
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("execute", cmd.name());
        if (!cmd.arguments().isEmpty()) {
            msg.put("arguments", cmd.arguments());
        }
        msg.put("id", id);
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        try {
            byte[] line = (Json.write(msg) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (out) {
                out.write(line);
                out.flush();
            }
            if (closedWhy != null) {      // closed between the check and the put: the reader may not see this one
                f.completeExceptionally(new QmpException(closedWhy));
            }
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new QmpException(cmd.name() + ": cannot write to QEMU's monitor: " + e.getMessage());
        } catch (TimeoutException e) {
            throw new QmpException(cmd.name() + ": no answer from QEMU's monitor within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof QmpException q ? new QmpException(q.errorClass(), cmd.name() + ": " + q.getMessage())
                    : new QmpException(cmd.name() + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException(cmd.name() + ": interrupted");
        } finally {
            pending.remove(id);
        }
    }

    @SuppressWarnings("unchecked")
    private void readLoop() {
        String why = "QEMU's monitor closed (QEMU exited)";
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Object v;
                try {
                    v = Json.parse(line);
                } catch (IllegalArgumentException e) {
                    continue;           // not ours to fix; the command waiting for it times out
                }
                if (!(v instanceof Map<?, ?> raw)) {
                    continue;
                }
                Map<String, Object> m = (Map<String, Object>) raw;
                if (m.containsKey("event")) {
                    QmpEvent ev = QmpEvent.of(m);
                    for (Consumer<QmpEvent> l : listeners) {
                        l.accept(ev);
                    }
                } else if (m.get("id") instanceof Long id) {
                    CompletableFuture<Map<String, Object>> f = pending.get(id);
                    if (f != null) {
                        f.complete(m);
                    }
                }
            }
        } catch (IOException e) {
            why = "QEMU's monitor connection failed: " + e.getMessage();
        } finally {
            shut(why);
        }
    }

    private void shut(String why) {
        if (closedWhy == null) {
            closedWhy = why;
        }
        for (CompletableFuture<Map<String, Object>> f : pending.values()) {
            f.completeExceptionally(new QmpException(closedWhy));
        }
        closeQuietly(channel);
    }

    @Override
    public void close() {
        shut("the QMP client was closed");
    }
}
