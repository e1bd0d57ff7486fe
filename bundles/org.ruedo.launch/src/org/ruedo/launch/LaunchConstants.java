package org.ruedo.launch;

/** Ids and attribute keys of the "Unikernel (QEMU)" launch configuration type. */
public final class LaunchConstants {
    private LaunchConstants() {
    }

    /** Launch configuration type id. */
    public static final String TYPE_ID = "org.ruedo.launch.qemu";
    private static final String P = "org.ruedo.launch.";

    /** Workspace project name (String). */
    public static final String ATTR_PROJECT = P + "project";
    /** Image to boot (String, absolute or project-relative path); empty = build/&lt;name&gt;.img from the manifest. */
    public static final String ATTR_IMAGE = P + "image";
    /** QEMU binary (String); empty = qemu-system-x86_64 from the preferences or PATH. */
    public static final String ATTR_QEMU = P + "qemu";
    /** Memory in MiB (int); 0 = from the manifest. */
    public static final String ATTR_MEMORY = P + "memory";
    /** CPU count (int); 0 = from the manifest. */
    public static final String ATTR_CPUS = P + "cpus";
    /** Extra QEMU arguments, one per line or space separated (String). */
    public static final String ATTR_EXTRA_ARGS = P + "extraArgs";
    /** Build before launch (boolean, default true). */
    public static final String ATTR_BUILD_FIRST = P + "buildFirst";
    /** Enable the gdbstub in run mode (boolean, default false; debug mode always enables it). */
    public static final String ATTR_GDBSTUB = P + "gdbstub";
    /** gdbstub port (int); 0 = pick a free port. */
    public static final String ATTR_GDB_PORT = P + "gdbPort";
    /**
     * Record this run for reverse debugging (boolean; default: the manifest's {@code [run] record}): QEMU
     * records into {@code build/<name>.replay} ({@link org.ruedo.core.qemu.Recording}); one CPU only.
     */
    public static final String ATTR_RECORD = P + "record";
    /**
     * Debug a recording instead of a new run (String, the recording directory; empty = a new run): QEMU
     * replays it frozen on its gdbstub and the debugger can step backwards. Not rebuilt first.
     */
    public static final String ATTR_REPLAY = P + "replay";
    // the debugger's own keys (gdb, stop at main, stop at the fault) are org.ruedo.debug.launch.DebugLaunchKeys

    /** Process attribute: QEMU's raw exit status. */
    public static final String PROC_QEMU_STATUS = P + "qemuStatus";
    /** Process attribute: the decoded guest exit ({@link org.ruedo.core.qemu.GuestExit#describe()}). */
    public static final String PROC_GUEST_EXIT = P + "guestExit";
    /** Process attribute: crash report summary and text, when the kernel crashed. */
    public static final String PROC_CRASH_REPORT = P + "crashReport";
    /** Process attribute: "file:line" of the crash's innermost resolved frame. */
    public static final String PROC_CRASH_LOCATION = P + "crashLocation";
    /** Process attribute: gdbstub port, when enabled. */
    public static final String PROC_GDB_PORT = P + "gdbPort";
    /** Process attribute: the recording directory of a recorded run ({@link #ATTR_RECORD}). */
    public static final String PROC_RECORDING = P + "recording";
    /** Process attribute: the recording directory a replay plays ({@link #ATTR_REPLAY}). */
    public static final String PROC_REPLAY = P + "replaying";
    /** The console line of a recorded run that crashed (the IDE makes it a link to the replay session). */
    public static final String RECORDED_CRASH_LINE = "recorded: Debug the recording to step back from the crash";
    /**
     * Process attribute: the QMP monitor's Unix socket (every launch, Run and Debug, has one; see
     * {@link org.ruedo.launch.qmp.QemuMonitors}). It lives in a private directory removed when QEMU exits.
     */
    public static final String PROC_QMP_SOCKET = P + "qmpSocket";
    /** Process attribute: the ELF with symbols and DWARF the image was made from. */
    public static final String PROC_ELF = P + "elf";
    /** Process type of QEMU processes. */
    public static final String PROCESS_TYPE = "org.ruedo.qemu";
}
