package org.ruedo.launch.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IFlushableStreamMonitor;

/** A stream monitor fed by our own pump threads; keeps the text for late listeners and tests. */
public final class StreamMonitor implements IFlushableStreamMonitor {
    private final List<IStreamListener> listeners = new CopyOnWriteArrayList<>();
    private final StringBuilder contents = new StringBuilder();
    private final StringBuilder all = new StringBuilder();
    private boolean buffered = true;

    @Override
    public void addListener(IStreamListener l) {
        listeners.add(l);
    }

    @Override
    public void removeListener(IStreamListener l) {
        listeners.remove(l);
    }

    @Override
    public synchronized String getContents() {
        return contents.toString();
    }

    /** Appends text and tells the listeners. */
    public void append(String text) {
        synchronized (this) {
            if (buffered) {
                contents.append(text);
            }
            all.append(text);
        }
        for (IStreamListener l : listeners) {
            l.streamAppended(text, this);
        }
    }

    /** Everything ever appended (not affected by {@link #flushContents()}). */
    public synchronized String allText() {
        return all.toString();
    }

    @Override
    public synchronized void flushContents() {
        contents.setLength(0);
    }

    @Override
    public synchronized void setBuffered(boolean buffer) {
        buffered = buffer;
    }

    @Override
    public synchronized boolean isBuffered() {
        return buffered;
    }
}
