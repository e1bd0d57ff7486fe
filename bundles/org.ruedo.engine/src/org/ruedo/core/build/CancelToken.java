package org.ruedo.core.build;

import java.util.function.BooleanSupplier;

/** Lets a caller stop a running build; the engine polls it and kills running tools. */
public final class CancelToken {
    private volatile boolean cancelled;
    private final BooleanSupplier external;

    public CancelToken() {
        this(() -> false);
    }

    /** A token that is also cancelled when {@code external} says so (e.g. an Eclipse progress monitor). */
    public CancelToken(BooleanSupplier external) {
        this.external = external;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || external.getAsBoolean();
    }
}
