package org.ruedo.core.build;

/** Receives what a build prints and how far it is. All methods may be called from worker threads. */
public interface BuildListener {
    /** A listener that ignores everything. */
    BuildListener NONE = new BuildListener() {
    };

    /** One line of output: a command being run ({@code command}), tool output or an engine message. */
    default void line(String text, Kind kind) {
    }

    /** Progress: {@code done} of {@code total} steps finished. */
    default void progress(String step, int done, int total) {
    }

    /** What a line is. */
    enum Kind {
        COMMAND, OUTPUT, INFO, ERROR
    }
}
