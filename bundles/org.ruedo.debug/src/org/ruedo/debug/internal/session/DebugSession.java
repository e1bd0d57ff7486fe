package org.ruedo.debug.internal.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.ruedo.core.qemu.GuestExit;
import org.ruedo.debug.internal.service.BreakpointService;
import org.ruedo.debug.internal.service.DisassemblyService;
import org.ruedo.debug.internal.service.EventDispatcher;
import org.ruedo.debug.internal.service.FaultService;
import org.ruedo.debug.internal.service.ReverseRunControlService;
import org.ruedo.debug.internal.service.MemoryService;
import org.ruedo.debug.internal.service.RegisterService;
import org.ruedo.debug.internal.service.RunControlService;
import org.ruedo.debug.internal.service.StackService;
import org.ruedo.debug.internal.service.VariableService;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.InterpreterExecConsole;
import org.ruedo.launch.QemuSession;

/**
 * One debug session (DSF-GDB's session plus its services factory): gdb ({@link GdbBackend}) attached to
 * QEMU's gdbstub, the services (one per concern, {@code org.ruedo.debug.internal.service}), the event
 * dispatcher, the gdb console and a worker thread. Anything that needs MI commands from an event runs on
 * the worker (the MI reader must never wait for an answer it would itself have to read).
 * <p>
 * How it ends: the user's Terminate stops QEMU first, so the guest prints nothing more, then gdb; the
 * guest exiting by itself leaves QEMU to exit with its status, then ends gdb; gdb dying ends QEMU and says
 * why. In every case neither process is left when {@link SessionListener#terminated()} is called.
 */
public final class DebugSession implements EventDispatcher.Session, IDebugEventSetListener {
    private final QemuSession qemu;
    private final GdbConsoleStream console = new GdbConsoleStream();
    private final GdbBackend gdb;
    private final SessionListener model;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ruedo-debug-worker");
        t.setDaemon(true);
        return t;
    });
    private final RunControlService runControl;
    private final BreakpointService breakpoints;
    private final VariableService variables;
    private final RegisterService registers;
    private final MemoryService memory;
    private final StackService stack;
    private final FaultService faults;
    /** Reverse execution, when the session debugs a replay; else null. */
    private final ReverseRunControlService reverse;
    private final DisassemblyService disassembly;
    private volatile boolean terminating;
    private volatile boolean guestEnded;
    private volatile boolean terminatedByUser;
    private volatile String terminationMessage;

    public DebugSession(QemuSession qemu, Process gdbProcess, SessionListener model) {
        this.qemu = qemu;
        this.model = model;
        this.gdb = new GdbBackend(gdbProcess, console);
        MISession mi = gdb.mi();
        runControl = new RunControlService(mi);
        breakpoints = new BreakpointService(mi, runControl, worker);
        variables = new VariableService(mi, worker);
        registers = new RegisterService(mi);
        memory = new MemoryService(mi);
        stack = new StackService(mi);
        faults = new FaultService(mi);
        disassembly = new DisassemblyService(mi);
        EventDispatcher dispatcher = new EventDispatcher(this, runControl, breakpoints, variables, faults);
        mi.addListener(dispatcher);
        reverse = qemu.process().getAttribute(org.ruedo.launch.LaunchConstants.PROC_REPLAY) == null ? null
                : new ReverseRunControlService(mi, runControl, breakpoints, model, dispatcher);
        DebugPlugin.getDefault().addDebugEventListener(this);
    }

    /** Connects, installs breakpoints and lets the guest run ({@link StartupSequence}). */
    public void start(boolean stopAtMain, boolean stopAtFault) throws MIException {
        StartupSequence.run(this, new StartupSequence.Options(stopAtMain, stopAtFault));
    }

    // ---- parts ----

    public MISession mi() {
        return gdb.mi();
    }

    public Process gdbProcess() {
        return gdb.process();
    }

    public QemuSession qemu() {
        return qemu;
    }

    public GdbConsoleStream consoleStream() {
        return console;
    }

    public RunControlService runControl() {
        return runControl;
    }

    public BreakpointService breakpoints() {
        return breakpoints;
    }

    public VariableService variables() {
        return variables;
    }

    public RegisterService registers() {
        return registers;
    }

    public MemoryService memory() {
        return memory;
    }

    public StackService stack() {
        return stack;
    }

    /** Reverse execution of a replay, or null when the session debugs a live run. */
    public ReverseRunControlService reverse() {
        return reverse;
    }

    public DisassemblyService disassembly() {
        return disassembly;
    }

    public FaultService faults() {
        return faults;
    }

    @Override
    public SessionListener model() {
        return model;
    }

    @Override
    public ExecutorService worker() {
        return worker;
    }

    @Override
    public void console(String text) {
        console.print(text);
    }

    /** Runs a gdb CLI command; its output (or error, through the dispatcher) arrives at the console. */
    public void cli(String command) {
        mi().send(new InterpreterExecConsole(command)).whenComplete((r, e) -> {
            if (e != null) {
                console(e.getMessage() + "\n");
            }
        });
    }

    // ---- how it ends ----

    /** Why the session ended when it ended on its own (gdb died), or null. */
    public String terminationMessage() {
        return terminationMessage;
    }

    /** True when the user's Terminate ended the session. */
    public boolean terminatedByUser() {
        return terminatedByUser;
    }

    @Override
    public void gdbEnded(String reason) {
        if (!terminating && !runControl.isTerminated()) {
            terminationMessage = "gdb ended the debug session: " + reason;
            ILog.of(getClass()).error(terminationMessage + " (" + qemu.elf().getFileName() + ")");
            console("\n" + terminationMessage + "\n");
            terminateLater();
        }
    }

    /**
     * The guest ended on its own (gdb reported the remote side exiting): QEMU is exiting with the guest's
     * status, so the session ends without killing it (a kill would turn the status into "killed").
     */
    @Override
    public void guestEnded() {
        if (terminating) {
            // gdb reports the inferior gone because the session is ending: QEMU is not exiting by itself
            return;
        }
        guestEnded = true;
        terminateLater();
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.TERMINATE && e.getSource() == qemu.process() && !runControl.isTerminated()) {
                terminateLater();
            }
        }
    }

    /** Ends the session from the worker (never from the MI reader thread). */
    private void terminateLater() {
        try {
            worker.submit(() -> end(false));
        } catch (RejectedExecutionException e) {
            // the session already ended (its own QEMU TERMINATE event arrives after the worker stopped)
        }
    }

    /** The user's Terminate: the guest stops at once, then gdb ends; both are gone when this returns. */
    public void terminate() {
        end(true);
    }

    private synchronized void end(boolean byUser) {
        if (runControl.isTerminated()) {
            return;
        }
        terminating = true;
        // the user's Terminate on the target, or on the launch or QEMU process (which kills QEMU first)
        terminatedByUser = byUser && !guestEnded || killedByRuedo();
        if (guestEnded) {
            awaitQemuExit();
        } else {
            // QEMU first: a guest that is stopped or running prints nothing more once it is gone
            stopQemu();
        }
        awaitQemuRecorded();
        gdb.stop();
        if (terminatedByUser) {
            console("\nTerminated by the user.\n");
        }
        runControl.setState(RunControlService.State.TERMINATED);
        breakpoints.stop();
        DebugPlugin dp = DebugPlugin.getDefault();
        if (dp != null) {
            dp.removeDebugEventListener(this);
        }
        model.terminated();
        worker.shutdown();
    }

    /** QEMU was killed by Ruedo (the launch's or the process's Terminate; a debug launch has no timeout). */
    private boolean killedByRuedo() {
        GuestExit ge = qemu.process().guestExit();
        return ge != null && ge.kind() == GuestExit.Kind.KILLED && ge.qemuStatus() == -1 && ge.signal() == 0;
    }

    /** A QEMU that exits by itself keeps its exit status: it is waited for, not killed. */
    private void awaitQemuExit() {
        try {
            qemu.process().osProcess().waitFor(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (qemu.process().osProcess().isAlive()) {
            stopQemu();
        }
    }

    private void stopQemu() {
        try {
            qemu.process().terminate();
        } catch (DebugException e) {
            // already gone
        }
    }

    /** Waits (up to 5 s) until the launch recorded QEMU's exit, so the exit value is there when the session ends. */
    private void awaitQemuRecorded() {
        long end = System.currentTimeMillis() + 5000;
        try {
            while (!qemu.process().isTerminated() && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A DebugException for a failed start, with gdb's message. */
    public static DebugException startFailed(MIException e) {
        return new DebugException(org.eclipse.core.runtime.Status.error(e.getMessage(), e));
    }
}
