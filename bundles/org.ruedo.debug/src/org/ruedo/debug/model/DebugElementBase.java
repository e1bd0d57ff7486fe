package org.ruedo.debug.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IDebugTarget;
import org.ruedo.debug.internal.session.DebugSession;

/** Common base of the model's elements: model id, the session behind them, error messages. */
abstract class DebugElementBase extends DebugElement {
    /** The debug model id. */
    public static final String MODEL_ID = "org.ruedo.debug";

    DebugElementBase(IDebugTarget target) {
        super(target);
    }

    @Override
    public String getModelIdentifier() {
        return MODEL_ID;
    }

    RuedoDebugTarget target() {
        return (RuedoDebugTarget) getDebugTarget();
    }

    DebugSession session() {
        return target().session();
    }

    static DebugException notSuspended(String what) {
        return new DebugException(org.eclipse.core.runtime.Status.error(what + " can only be changed while the guest is suspended."));
    }
}
