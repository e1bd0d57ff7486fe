package org.ruedo.debug.model;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IWatchExpressionDelegate;
import org.eclipse.debug.core.model.IWatchExpressionListener;
import org.eclipse.debug.core.model.IWatchExpressionResult;

/**
 * Evaluates the Expressions view's watch expressions as gdb variable objects in the selected frame
 * (or the top frame of the selected vCPU), so structs, arrays and pointers expand like locals.
 * Runs in a job: gdb is never asked from the UI thread.
 */
public class RuedoWatchExpressionDelegate implements IWatchExpressionDelegate {
    @Override
    public void evaluateExpression(String expression, IDebugElement context, IWatchExpressionListener listener) {
        Job job = Job.create("Evaluating " + expression, (IProgressMonitor monitor) -> {
            listener.watchEvaluationFinished(evaluate(expression, context));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    /** The result of one expression in one context (synchronous; tests call it directly). */
    public static IWatchExpressionResult evaluate(String expression, IDebugElement context) {
        try {
            RuedoStackFrame frame = context instanceof RuedoStackFrame f ? f
                    : context instanceof RuedoThread t ? (RuedoStackFrame) t.getTopStackFrame() : null;
            if (frame == null || !frame.isSuspended()) {
                return result(expression, null, null, "the guest is not suspended in a frame of this session");
            }
            RuedoVariable v = new RuedoVariable(frame, expression, null, null);
            try {
                v.varObject(); // -var-create: a bad expression fails here
            } catch (DebugException e) {
                // gdb only says "unable to create variable object": ask the evaluator for the reason
                frame.target().evaluate(frame.threadId(), frame.level(), expression);
                throw e;
            }
            return result(expression, v.getValue(), null, null);
        } catch (DebugException e) {
            return result(expression, null, e, e.getStatus().getMessage());
        }
    }

    private static IWatchExpressionResult result(String expression, IValue value, DebugException ex, String error) {
        return new IWatchExpressionResult() {
            @Override
            public IValue getValue() {
                return value;
            }

            @Override
            public boolean hasErrors() {
                return error != null;
            }

            @Override
            public String[] getErrorMessages() {
                return error != null ? new String[] { error } : new String[0];
            }

            @Override
            public String getExpressionText() {
                return expression;
            }

            @Override
            public DebugException getException() {
                return ex;
            }
        };
    }
}
