package org.ruedo.debug.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** The value of a {@link RuedoVariable}; aggregates and pointers have children. */
public class RuedoValue extends DebugElementBase implements IValue {
    private final RuedoVariable variable;
    private final String simple;
    private IVariable[] children;

    RuedoValue(RuedoVariable variable, String simple) {
        super(variable.getDebugTarget());
        this.variable = variable;
        this.simple = simple;
    }

    @Override
    public String getReferenceTypeName() {
        return variable.getReferenceTypeName();
    }

    @Override
    public String getValueString() throws DebugException {
        if (simple != null) {
            return simple;
        }
        String v = variable.varObject().value();
        return v != null ? v : "";
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (children == null) {
            children = variable.children();
        }
        return children;
    }

    @Override
    public boolean hasVariables() throws DebugException {
        return variable.varObject().numChildren() > 0;
    }
}
