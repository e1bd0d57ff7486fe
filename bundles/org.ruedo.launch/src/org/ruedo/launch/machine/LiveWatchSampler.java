package org.ruedo.launch.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.ruedo.launch.qmp.QmpClient;
import org.ruedo.launch.qmp.QmpException;
import org.ruedo.launch.qmp.commands.MemoryRead;

/**
 * Samples live-watch expressions through QEMU's monitor while the guest runs, at a fixed rate
 * ({@link #setRate}, default 4 Hz): each sample reads every expression's bytes as physical memory
 * ({@code xp}), never stopping the vCPUs. Each expression keeps its current value, whether the last
 * sample changed it, min, max, the number of changes and a short history (for a sparkline).
 * Listeners get {@link #values()} after every sample, on the sampler's thread.
 */
public final class LiveWatchSampler implements AutoCloseable {
    /** History kept per expression. */
    public static final int HISTORY = 64;

    /** One watched expression's state; mutable, guarded by the sampler. */
    public static final class Watched {
        private final WatchExpression expr;
        private final long[] history = new long[HISTORY];
        private int samples;
        private long value;
        private long min;
        private long max;
        private long changes;
        private boolean changed;
        private String error;

        Watched(WatchExpression expr) {
            this.expr = expr;
        }

        public WatchExpression expression() {
            return expr;
        }

        /** Number of successful samples. */
        public synchronized int samples() {
            return samples;
        }

        public synchronized long value() {
            return value;
        }

        public synchronized long min() {
            return min;
        }

        public synchronized long max() {
            return max;
        }

        /** How many samples differed from the one before. */
        public synchronized long changes() {
            return changes;
        }

        /** The last sample differed from the one before it. */
        public synchronized boolean changed() {
            return changed;
        }

        /** Why the last sample failed, or null. */
        public synchronized String error() {
            return error;
        }

        /** The last {@code min(samples, HISTORY)} values, oldest first. */
        public synchronized long[] history() {
            int n = Math.min(samples, HISTORY);
            long[] h = new long[n];
            for (int i = 0; i < n; i++) {
                h[i] = history[(samples - n + i) % HISTORY];
            }
            return h;
        }

        synchronized void record(long v) {
            boolean signed = expr.signed();
            if (samples == 0) {
                min = v;
                max = v;
                changed = false;
            } else {
                changed = v != value;
                if (changed) {
                    changes++;
                }
                min = signed ? Math.min(min, v) : (Long.compareUnsigned(v, min) < 0 ? v : min);
                max = signed ? Math.max(max, v) : (Long.compareUnsigned(v, max) > 0 ? v : max);
            }
            value = v;
            history[samples % HISTORY] = v;
            samples++;
            error = null;
        }

        synchronized void fail(String why) {
            error = why;
            changed = false;
        }
    }

    private final QmpClient qmp;
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Watched>>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ruedo-live-watch");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> task;
    private double hz = 4;

    public LiveWatchSampler(QmpClient qmp) {
        this.qmp = qmp;
    }

    /** Adds an expression; returns its state. */
    public Watched add(WatchExpression e) {
        Watched w = new Watched(e);
        watched.add(w);
        return w;
    }

    public void remove(Watched w) {
        watched.remove(w);
    }

    public List<Watched> values() {
        return new ArrayList<>(watched);
    }

    public void onSample(Consumer<List<Watched>> l) {
        listeners.add(l);
    }

    /** Samples per second (0.5 .. 50); takes effect at once when running. */
    public synchronized void setRate(double samplesPerSecond) {
        if (!(samplesPerSecond >= 0.5 && samplesPerSecond <= 50)) {
            throw new IllegalArgumentException("live watch rate " + samplesPerSecond + " Hz not in 0.5 .. 50");
        }
        hz = samplesPerSecond;
        if (task != null) {
            stop();
            start();
        }
    }

    public synchronized double rate() {
        return hz;
    }

    /** Starts sampling (a no-op when running). */
    public synchronized void start() {
        if (task == null) {
            task = timer.scheduleAtFixedRate(this::sampleOnce, 0, Math.round(1_000_000 / hz), TimeUnit.MICROSECONDS);
        }
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    public synchronized boolean running() {
        return task != null;
    }

    /** Takes one sample of every expression now (also what the timer runs). */
    public void sampleOnce() {
        if (!qmp.isOpen()) {
            for (Watched w : watched) {
                w.fail("QEMU's monitor is closed (the guest has exited)");
            }
            stop();
        } else {
            for (Watched w : watched) {
                WatchExpression e = w.expression();
                try {
                    long raw = qmp.execute(MemoryRead.physical(e.address(), 1, e.size()))[0];
                    w.record(e.value(raw));
                } catch (QmpException x) {
                    w.fail(x.getMessage());
                }
            }
        }
        List<Watched> snapshot = values();
        for (Consumer<List<Watched>> l : listeners) {
            l.accept(snapshot);
        }
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }
}
