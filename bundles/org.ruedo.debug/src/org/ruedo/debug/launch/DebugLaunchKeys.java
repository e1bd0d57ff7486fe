package org.ruedo.debug.launch;

/**
 * The debugger's attributes of an "Unikernel (QEMU)" launch configuration (debug mode). The values keep
 * the {@code org.ruedo.launch.} prefix they had when they lived in the launch bundle, so saved launch
 * configurations still work; the gdbstub's own keys (enable, port) stay in
 * {@link org.ruedo.launch.LaunchConstants}, which QEMU's launcher reads.
 */
public final class DebugLaunchKeys {
    private DebugLaunchKeys() {
    }

    /** Debug mode: stop at main (boolean, default true). */
    public static final String ATTR_STOP_AT_MAIN = "org.ruedo.launch.stopAtMain";
    /** gdb binary (String); empty = gdb from the preferences or PATH. */
    public static final String ATTR_GDB = "org.ruedo.launch.gdb";
    /**
     * Debug mode: suspend at a kernel fault, panic or failed assertion (a breakpoint on
     * {@code ruedo_fault_hook}; boolean, default true).
     */
    public static final String ATTR_STOP_AT_FAULT = "org.ruedo.debug.stopAtFault";
}
