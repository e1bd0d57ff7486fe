package org.ruedo.debug.model;

import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;
import org.ruedo.debug.mi.MIVarObject;

/**
 * A local, argument or child of a struct/array/pointer. Backed by a gdb variable object created on
 * first use ({@code -var-create}); children come from {@code -var-list-children}.
 */
public class RuedoVariable extends FrameVariableBase implements IVariable {
    private final String name;
    private final String type;
    private final String simpleValue;
    private MIVarObject varObject;
    private RuedoValue value;
    private volatile boolean changed;

    RuedoVariable(RuedoStackFrame frame, String name, String type, String simpleValue) {
        super(frame);
        this.name = name;
        this.type = type;
        this.simpleValue = simpleValue;
    }

    RuedoVariable(RuedoStackFrame frame, MIVarObject child) {
        this(frame, child.expression(), child.type(), child.value());
        this.varObject = child;
    }

    synchronized MIVarObject varObject() throws DebugException {
        if (varObject == null) {
            varObject = session().variables().create(frame.threadId(), frame.level(), name);
        }
        return varObject;
    }

    IVariable[] children() throws DebugException {
        List<MIVarObject> kids = session().variables().children(varObject());
        return kids.stream().map(k -> new RuedoVariable(frame, k)).toArray(IVariable[]::new);
    }

    @Override
    public synchronized IValue getValue() throws DebugException {
        if (value == null) {
            value = new RuedoValue(this, simpleValue);
        }
        return value;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getReferenceTypeName() {
        return type != null ? type : "";
    }

    /** Shown highlighted: the value differs from the one at the previous suspension. */
    @Override
    public boolean hasValueChanged() {
        return changed;
    }

    void setChanged(boolean c) {
        changed = c;
    }

    /** Assigns a C expression to the variable in the guest ({@code -var-assign}). */
    @Override
    public void setValue(String expression) throws DebugException {
        if (!frame.isSuspended()) {
            throw notSuspended("Values");
        }
        String now = session().variables().assign(varObject(), expression);
        synchronized (this) {
            value = new RuedoValue(this, now);
        }
        fireChangeEvent(DebugEvent.CONTENT);
    }
}
