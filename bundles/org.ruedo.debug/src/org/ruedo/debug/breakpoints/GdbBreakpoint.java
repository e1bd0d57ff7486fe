package org.ruedo.debug.breakpoints;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;

/** A platform breakpoint that becomes one gdb breakpoint: where ({@code -break-insert} location) and when (condition). */
public interface GdbBreakpoint extends IBreakpoint {
    /** The {@code -break-insert} location: {@code /abs/path.c:LINE} or a function name. */
    String gdbLocation() throws CoreException;

    /** gdb condition, or empty. */
    String condition();

    /** Sets the gdb condition (empty = none). */
    void setCondition(String condition) throws CoreException;
}
