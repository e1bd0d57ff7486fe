package org.ruedo.debug.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/**
 * Common base of the variables that live in a stack frame (locals, children, registers): the frame, and
 * the value-modification rules they share (editable only while the frame is suspended; any non-blank
 * expression is offered to gdb, which judges it).
 */
abstract class FrameVariableBase extends DebugElementBase implements IVariable {
    final RuedoStackFrame frame;

    FrameVariableBase(RuedoStackFrame frame) {
        super(frame.getDebugTarget());
        this.frame = frame;
    }

    @Override
    public void setValue(IValue v) throws DebugException {
        setValue(v.getValueString());
    }

    @Override
    public boolean supportsValueModification() {
        return frame.isSuspended();
    }

    @Override
    public boolean verifyValue(String expression) {
        return expression != null && !expression.isBlank();
    }

    @Override
    public boolean verifyValue(IValue v) {
        return v != null;
    }
}
