package org.ruedo.debug.internal.service;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIException;

/** Turns MI failures into the platform's DebugException, with a message a user can read. */
public final class ServiceException {
    private ServiceException() {
    }

    /** A DebugException saying what failed, in one sentence ({@link GdbErrors#explain}). */
    public static DebugException of(MIException e) {
        return new DebugException(org.eclipse.core.runtime.Status.error(GdbErrors.explain(e.getMessage()), e));
    }

    /** A DebugException with a message of the session's own. */
    public static DebugException of(String message) {
        return new DebugException(org.eclipse.core.runtime.Status.error(message));
    }
}
