package org.ruedo.debug.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IDebugTarget;
import org.ruedo.debug.mi.MIException;

/** Common base of the model's elements: model id and error conversion. */
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

    static DebugException fail(MIException e) {
        return new DebugException(org.eclipse.core.runtime.Status.error(e.getMessage(), e));
    }
}
