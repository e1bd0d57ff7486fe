package org.ruedo.debug.breakpoints;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakInsert;

/**
 * A platform breakpoint that becomes one gdb breakpoint: the command that inserts it and when it stops
 * (condition). Each type names its own insert command, so a watchpoint ({@code -break-watch}) or an
 * address breakpoint ({@code -break-insert *0x...}) needs no special case in the breakpoint service.
 */
public interface GdbBreakpoint extends IBreakpoint {
    /** The {@code -break-insert} location: {@code /abs/path.c:LINE} or a function name. */
    String gdbLocation() throws CoreException;

    /** gdb condition, or empty. */
    String condition();

    /** Sets the gdb condition (empty = none). */
    void setCondition(String condition) throws CoreException;

    /** Marker attribute (int): how many times the breakpoint is passed before it stops (gdb's ignore count). */
    String IGNORE_COUNT = "org.ruedo.debug.ignoreCount";

    /** The ignore count given to gdb with {@code -break-after} (0 = stop every time). */
    default int ignoreCount() {
        return getMarker() == null ? 0 : getMarker().getAttribute(IGNORE_COUNT, 0);
    }

    /** Sets the ignore count (negative = 0). */
    default void setIgnoreCount(int count) throws CoreException {
        getMarker().setAttribute(IGNORE_COUNT, Math.max(0, count));
    }

    /**
     * The MI command that creates this breakpoint in gdb, with its condition. The default is a
     * {@code -break-insert -f} at {@link #gdbLocation()}; other kinds override it.
     */
    default MICommand<MIBreakpoint> insertCommand() throws CoreException {
        return new BreakInsert(gdbLocation(), false, false, condition());
    }

    /**
     * Called before {@link #insertCommand()} with gdb ready: a type whose location must be worked out
     * against the loaded image first (an address breakpoint's symbol+offset) does it here, and throws
     * when it cannot be placed (the breakpoint is then not installed; the exception says why).
     */
    default void prepare(MISession mi) throws MIException {
    }

    /** True when {@link #insertCommand()} carries the condition; otherwise it is sent after the insert. */
    default boolean conditionInInsertCommand() {
        return true;
    }

    /** After the insert, with gdb's answer (a watchpoint asks gdb whether it became a hardware one). */
    default void installed(MIBreakpoint gdb, MISession mi) throws MIException {
    }
}
