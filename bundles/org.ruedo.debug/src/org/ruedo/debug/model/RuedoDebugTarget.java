package org.ruedo.debug.model;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrievalExtension;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.ruedo.debug.breakpoints.GdbBreakpoint;
import org.ruedo.debug.internal.service.RunControlService;
import org.ruedo.debug.internal.session.DebugSession;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.events.StoppedEvent;
import org.ruedo.launch.QemuSession;

/**
 * The platform's view of one debug session: gdb attached to QEMU's gdbstub. This class only delegates:
 * the session and its services ({@link DebugSession}, {@code org.ruedo.debug.internal.service}) do the
 * work, {@link ModelEvents} keeps the threads (one per vCPU) and fires the DebugEvents.
 */
public class RuedoDebugTarget extends DebugElementBase implements IDebugTarget, IMemoryBlockRetrievalExtension {
    private final ILaunch launch;
    private final ModelEvents events;
    private final DebugSession session;
    private volatile boolean instructionStepping;

    public RuedoDebugTarget(ILaunch launch, QemuSession qemu, Process gdb) {
        super(null);
        this.launch = launch;
        this.events = new ModelEvents(this);
        this.session = new DebugSession(qemu, gdb, events);
    }

    /**
     * Connects gdb to QEMU's gdbstub, installs the breakpoints (the platform's, the fault hook's when
     * {@code stopAtFault}, a temporary one at {@code main} when {@code stopAtMain}) and lets the guest run.
     */
    public void start(boolean stopAtMain, boolean stopAtFault) throws DebugException {
        try {
            session.start(stopAtMain, stopAtFault);
        } catch (MIException e) {
            throw DebugSession.startFailed(e);
        }
    }

    @Override
    DebugSession session() {
        return session;
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    /** The MI session (for tests and the gdb console). */
    public MISession mi() {
        return session.mi();
    }

    /** The gdb OS process. */
    public Process gdbProcess() {
        return session.gdbProcess();
    }

    /** The QEMU session. */
    public QemuSession qemu() {
        return session.qemu();
    }

    /** Why the session ended when it ended on its own (gdb died), or null. */
    public String terminationMessage() {
        return session.terminationMessage();
    }

    /** True when the user's Terminate ended the session. */
    public boolean terminatedByUser() {
        return session.terminatedByUser();
    }

    /** The last stop (null before the first). */
    public StoppedEvent lastStop() {
        return session.runControl().lastStop();
    }

    /** gdb's number of the fault hook's breakpoint ({@code ruedo_fault_hook}), 0 when none is set. */
    public int faultBreakpoint() {
        return session.faults().hookBreakpoint();
    }

    // ---- gdb console ----

    /** Adds a listener of gdb's console text; it first gets what was printed so far. */
    public void addConsoleListener(Consumer<String> l) {
        session.consoleStream().addListener(l);
    }

    public void removeConsoleListener(Consumer<String> l) {
        session.consoleStream().removeListener(l);
    }

    /** Runs a gdb CLI command (output arrives at the console listeners). */
    public void cli(String command) {
        session.cli(command);
    }

    /** Evaluates a C expression in a frame. */
    public String evaluate(int thread, int frame, String expression) throws DebugException {
        return session.variables().evaluate(thread, frame, expression);
    }

    // ---- instructions ----

    /** The session's disassembly service (the Disassembly view's back end). */
    public org.ruedo.debug.internal.service.DisassemblyService disassembly() {
        return session.disassembly();
    }

    /** gdb's number of an installed Ruedo breakpoint, or null when it is not set in gdb. */
    public Integer installedNumber(GdbBreakpoint b) {
        return session.breakpoints().number(b);
    }

    /** The addresses gdb placed an installed breakpoint at (for the Disassembly view's ruler). */
    public long[] breakpointAddresses(GdbBreakpoint b) {
        return session.breakpoints().addresses(b);
    }

    /** The address an expression names ({@code &switch_context}, {@code 0x8000}, {@code $pc}) in thread 1's top frame. */
    public long addressOf(String expression) throws DebugException {
        return session.memory().addressOf(1, 0, expression);
    }

    /** True when Step Into/Over step one machine instruction (CDT's "Instruction Stepping Mode"). */
    public boolean isInstructionStepping() {
        return instructionStepping;
    }

    /** Turns instruction stepping mode on or off; fires a CHANGE event on this target. */
    public void setInstructionStepping(boolean on) {
        if (instructionStepping != on) {
            instructionStepping = on;
            fireEvent(new DebugEvent(this, DebugEvent.CHANGE, DebugEvent.STATE));
        }
    }

    /** The unit Step Into/Over use now. */
    RunControlService.StepUnit stepUnit() {
        return instructionStepping ? RunControlService.StepUnit.INSTRUCTION : RunControlService.StepUnit.LINE;
    }

    // ---- run control ----

    /** Runs until a source line is reached, in any function (a temporary breakpoint, then continue). */
    public void runToLine(RuedoThread thread, Path file, int line) throws DebugException {
        session.runControl().runToLine(file, line);
    }

    // ---- reverse execution (a replay only) ----

    /** True when this session debugs a recording (QEMU replays it and can go backwards). */
    public boolean isReplay() {
        return session.reverse() != null;
    }

    /** The recording this session replays, or null. */
    public String recording() {
        return session.qemu().process().getAttribute(org.ruedo.launch.LaunchConstants.PROC_REPLAY);
    }

    public boolean canReverse() {
        return isReplay() && session.reverse().canReverse();
    }

    /**
     * Reverse Step Into/Over/Return of {@code thread}, a source line or one instruction, or (kind null)
     * Reverse Resume. Runs on the session's worker: the model sees the resume now and the stop later.
     */
    public void reverse(RuedoThread thread, RunControlService.StepKind kind, RunControlService.StepUnit unit) throws DebugException {
        if (!canReverse()) {
            return;
        }
        int id = thread != null ? thread.id() : lastStop() != null ? lastStop().threadId() : 1;
        int detail = kind == null ? org.eclipse.debug.core.DebugEvent.CLIENT_REQUEST : switch (kind) {
            case INTO -> org.eclipse.debug.core.DebugEvent.STEP_INTO;
            case OVER -> org.eclipse.debug.core.DebugEvent.STEP_OVER;
            case RETURN -> org.eclipse.debug.core.DebugEvent.STEP_RETURN;
        };
        if (kind == null || kind == RunControlService.StepKind.RETURN) {
            session.worker().execute(() -> {
                try {
                    if (kind == null) {
                        session.reverse().resume();
                    } else {
                        session.reverse().step(id, kind, unit, detail);
                    }
                } catch (DebugException e) {
                    session.console("reverse: " + e.getMessage() + "\n");
                    org.eclipse.core.runtime.ILog.of(RuedoDebugTarget.class).warn("reverse execution failed: " + e.getMessage());
                }
                fireChangeEvent(org.eclipse.debug.core.DebugEvent.CONTENT);
            });
        } else {
            session.reverse().step(id, kind, unit, detail);
        }
    }

    /** The replay's instruction count at the last reverse operation, -1 when not known yet. */
    public long replayPosition() {
        return isReplay() ? session.reverse().position() : -1;
    }

    RunControlService runControl() {
        return session.runControl();
    }

    @Override
    public boolean canResume() {
        return runControl().canResume();
    }

    @Override
    public boolean canSuspend() {
        return runControl().canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return runControl().isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        runControl().resume();
    }

    @Override
    public void suspend() throws DebugException {
        runControl().suspend();
    }

    @Override
    public boolean canTerminate() {
        return !runControl().isTerminated();
    }

    @Override
    public boolean isTerminated() {
        return runControl().isTerminated();
    }

    /** Stops the guest at once (QEMU first), then gdb. */
    @Override
    public void terminate() {
        session.terminate();
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() throws DebugException {
        throw new DebugException(org.eclipse.core.runtime.Status.error("Disconnect is not supported: use Terminate."));
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    // ---- breakpoints ----

    @Override
    public boolean supportsBreakpoint(IBreakpoint b) {
        return b instanceof GdbBreakpoint;
    }

    @Override
    public void breakpointAdded(IBreakpoint b) {
        session.breakpoints().breakpointAdded(b);
    }

    @Override
    public void breakpointRemoved(IBreakpoint b, IMarkerDelta delta) {
        session.breakpoints().breakpointRemoved(b, delta);
    }

    @Override
    public void breakpointChanged(IBreakpoint b, IMarkerDelta delta) {
        session.breakpoints().breakpointChanged(b, delta);
    }

    // ---- model ----

    @Override
    public IProcess getProcess() {
        return session.qemu().process();
    }

    @Override
    public IThread[] getThreads() {
        return events.threads().toArray(IThread[]::new);
    }

    @Override
    public boolean hasThreads() {
        return !events.threads().isEmpty();
    }

    /** gdb's thread (vCPU) with this id, or null. */
    public RuedoThread thread(int id) {
        return events.threads().stream().filter(t -> t.id() == id).findFirst().orElse(null);
    }

    @Override
    public String getName() {
        String why = terminatedByUser() ? "terminated by the user" : terminationMessage();
        String replay = "";
        if (isReplay()) {
            long at = replayPosition();
            replay = " [replay of " + java.nio.file.Path.of(recording()).getFileName() + (at >= 0 ? ", instruction " + at : "") + "]";
        }
        return "gdb: " + qemu().elf().getFileName() + " @ 127.0.0.1:" + qemu().gdbPort() + replay + (why != null ? " (" + why + ")" : "");
    }

    // ---- memory ----

    @Override
    public boolean supportsStorageRetrieval() {
        return true;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) {
        return new RuedoMemoryBlock(this, "0x" + Long.toHexString(startAddress), startAddress, length);
    }

    /**
     * A memory block at the address an expression evaluates to ({@code &buf}, {@code $rsp},
     * {@code 0x100000}), for the Memory view's monitors.
     */
    @Override
    public IMemoryBlockExtension getExtendedMemoryBlock(String expression, Object context) throws DebugException {
        int thread = 1;
        int level = 0;
        if (context instanceof RuedoStackFrame f) {
            thread = f.threadId();
            level = f.level();
        } else if (context instanceof RuedoThread t) {
            thread = t.id();
        }
        return new RuedoMemoryBlock(this, expression, session.memory().addressOf(thread, level, expression), 256);
    }
}
