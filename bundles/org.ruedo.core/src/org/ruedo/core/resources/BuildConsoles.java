package org.ruedo.core.resources;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IProject;
import org.ruedo.core.build.BuildListener;

/**
 * Where the builder's output goes. Core has no UI: the UI bundle registers a listener that writes to an
 * Eclipse console; tests can register their own.
 */
public final class BuildConsoles {
    /** Receives build output of workspace projects. */
    public interface Listener {
        /** A build of {@code project} starts. */
        default void started(IProject project) {
        }

        /** One output line. */
        void line(IProject project, String text, BuildListener.Kind kind);
    }

    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    private BuildConsoles() {
    }

    /** Registers a listener for the output of every later build (the UI attaches its console here). */
    public static void addListener(Listener l) {
        LISTENERS.add(l);
    }

    /** Unregisters a listener added with {@link #addListener}. */
    public static void removeListener(Listener l) {
        LISTENERS.remove(l);
    }

    static void started(IProject p) {
        LISTENERS.forEach(l -> l.started(p));
    }

    static BuildListener forProject(IProject p) {
        return new BuildListener() {
            @Override
            public void line(String text, Kind kind) {
                LISTENERS.forEach(l -> l.line(p, text, kind));
            }
        };
    }
}
