package org.ruedo.debug.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** One register's value at a frame (hex, from {@code -data-list-register-values x}). */
public class RuedoRegister extends FrameVariableBase implements IRegister {
    private final String name;
    private volatile String value;
    RuedoRegisterGroup group;

    RuedoRegister(RuedoStackFrame frame, String name, String value) {
        super(frame);
        this.name = name;
        this.value = value;
    }

    @Override
    public IRegisterGroup getRegisterGroup() {
        return group;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getReferenceTypeName() {
        return "register";
    }

    @Override
    public IValue getValue() {
        RuedoRegister self = this;
        return new IValue() {
            @Override
            public String getModelIdentifier() {
                return MODEL_ID;
            }

            @Override
            public org.eclipse.debug.core.model.IDebugTarget getDebugTarget() {
                return self.getDebugTarget();
            }

            @Override
            public org.eclipse.debug.core.ILaunch getLaunch() {
                return self.getLaunch();
            }

            @Override
            public <T> T getAdapter(Class<T> adapter) {
                return null;
            }

            @Override
            public String getReferenceTypeName() {
                return "register";
            }

            @Override
            public String getValueString() {
                return value;
            }

            @Override
            public boolean isAllocated() {
                return true;
            }

            @Override
            public IVariable[] getVariables() {
                return new IVariable[0];
            }

            @Override
            public boolean hasVariables() {
                return false;
            }
        };
    }

    @Override
    public boolean hasValueChanged() {
        return false;
    }

    /** Writes the register in the guest: gdb evaluates {@code $name = (expression)} in this frame. */
    @Override
    public void setValue(String expression) throws DebugException {
        if (!frame.isSuspended()) {
            throw notSuspended("Registers");
        }
        value = session().registers().write(frame.threadId(), frame.level(), name, expression);
        fireChangeEvent(org.eclipse.debug.core.DebugEvent.CONTENT);
    }
}
