package org.ruedo.debug.internal.service;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;

/** Base of the services that ask gdb and report failures as DebugExceptions a user can read. */
abstract class MIService {
    protected final MISession mi;

    MIService(MISession mi) {
        this.mi = mi;
    }

    protected <T> T execute(MICommand<T> cmd) throws DebugException {
        try {
            return mi.execute(cmd);
        } catch (MIException e) {
            throw ServiceException.of(e);
        }
    }
}
