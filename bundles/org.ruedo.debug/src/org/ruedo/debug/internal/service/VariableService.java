package org.ruedo.debug.internal.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.MIValue;
import org.ruedo.debug.mi.MIVarObject;
import org.ruedo.debug.mi.commands.DataEvaluateExpression;
import org.ruedo.debug.mi.commands.StackListVariables;
import org.ruedo.debug.mi.commands.VarAssign;
import org.ruedo.debug.mi.commands.VarCreate;
import org.ruedo.debug.mi.commands.VarDelete;
import org.ruedo.debug.mi.commands.VarListChildren;

/**
 * Variables and expressions (DSF-GDB's IExpressions): a frame's locals, gdb variable objects for
 * aggregates and watch expressions (deleted when the guest runs again: they belong to one suspension),
 * assignments, expression evaluation, and the values seen at the previous stop for "changed" marks.
 */
public final class VariableService extends MIService {
    /** A local or argument of a frame, with gdb's simple value (null for aggregates). */
    public record Local(String name, String type, String value, boolean changed) {
    }

    private final ExecutorService worker;
    private final List<String> varObjects = new ArrayList<>();
    private final Map<String, String> seenValues = new HashMap<>();

    public VariableService(MISession mi, ExecutorService worker) {
        super(mi);
        this.worker = worker;
    }

    /**
     * The locals of frame {@code level} of {@code thread}; {@code function} names the frame for the
     * "changed since the last stop" comparison (a local is compared with the same local of the same
     * function on the same vCPU).
     */
    public List<Local> locals(int thread, int level, String function) throws DebugException {
        List<Local> out = new ArrayList<>();
        for (MIValue.Tuple t : execute(new StackListVariables(thread, level))) {
            String name = t.str("name");
            String value = t.str("value");
            out.add(new Local(name, t.str("type"), value, seen(thread + "/" + function + "/" + name, value)));
        }
        return out;
    }

    /** A variable object for {@code expression} in a frame ({@code -var-create}); a bad expression fails here. */
    public MIVarObject create(int thread, int level, String expression) throws DebugException {
        MIVarObject v = execute(new VarCreate(thread, level, expression));
        synchronized (varObjects) {
            varObjects.add(v.name());
        }
        return v;
    }

    /** The children of a variable object (struct fields, array elements, the pointee). */
    public List<MIVarObject> children(MIVarObject v) throws DebugException {
        return v.numChildren() == 0 ? List.of() : execute(new VarListChildren(v.name()));
    }

    /** Assigns a C expression to a variable object in the guest; returns the new value. */
    public String assign(MIVarObject v, String expression) throws DebugException {
        return execute(new VarAssign(v.name(), expression));
    }

    /** Evaluates a C expression in a frame. */
    public String evaluate(int thread, int level, String expression) throws DebugException {
        return execute(new DataEvaluateExpression(thread, level, expression));
    }

    /** The guest runs again: this suspension's variable objects are deleted (on the worker). */
    void resumed() {
        List<String> names;
        synchronized (varObjects) {
            names = new ArrayList<>(varObjects);
            varObjects.clear();
        }
        if (!names.isEmpty() && !worker.isShutdown()) {
            try {
                worker.submit(() -> names.forEach(n -> mi.send(new VarDelete(n))));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the session ended meanwhile: gdb and its variable objects are gone
            }
        }
    }

    /** Remembers a value and says whether it differs from the last one seen under {@code key}. */
    private boolean seen(String key, String value) {
        if (value == null) {
            return false;
        }
        synchronized (seenValues) {
            String before = seenValues.put(key, value);
            return before != null && !before.equals(value);
        }
    }

}
