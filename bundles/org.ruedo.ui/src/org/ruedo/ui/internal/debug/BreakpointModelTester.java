package org.ruedo.ui.internal.debug;

import org.eclipse.core.expressions.PropertyTester;
import org.eclipse.debug.core.model.IBreakpoint;

/**
 * {@code org.ruedo.ui.breakpointModel}: whether a breakpoint belongs to the debug model given as the value
 * ({@code IBreakpoint#getModelIdentifier}); the platform's {@code getModelIdentifier} test knows only debug elements.
 */
public final class BreakpointModelTester extends PropertyTester {
    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        return "breakpointModel".equals(property) && receiver instanceof IBreakpoint b
                && String.valueOf(expectedValue).equals(b.getModelIdentifier());
    }
}
