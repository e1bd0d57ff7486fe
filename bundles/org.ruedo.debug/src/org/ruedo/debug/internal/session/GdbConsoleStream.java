package org.ruedo.debug.internal.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * gdb's console text (its console and log streams, its stderr, and the session's own messages), kept
 * (the last {@link #KEEP} characters) so that a console opened late first gets what was said before.
 */
public final class GdbConsoleStream {
    /** Characters kept for late listeners. */
    public static final int KEEP = 256 * 1024;

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final StringBuilder text = new StringBuilder();

    /**
     * Adds a listener; it first gets what gdb already printed (the session may start talking before a
     * console opens), then every new piece, in order.
     */
    public void addListener(Consumer<String> l) {
        synchronized (text) {
            if (text.length() > 0) {
                l.accept(text.toString());
            }
            listeners.add(l);
        }
    }

    public void removeListener(Consumer<String> l) {
        listeners.remove(l);
    }

    /** Appends text and passes it on. */
    public void print(String s) {
        synchronized (text) {
            text.append(s);
            if (text.length() > KEEP) {
                text.delete(0, text.length() - KEEP);
            }
            listeners.forEach(c -> c.accept(s));
        }
    }

    /** Everything kept so far. */
    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }
}
