package org.ruedo.debug.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrievalExtension;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.ruedo.debug.breakpoints.GdbBreakpoint;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.MIThread;
import org.ruedo.debug.mi.commands.DataEvaluateExpression;
import org.ruedo.debug.mi.commands.DataListRegisterNames;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.FixMultiLocationBreakpointOutput;
import org.ruedo.debug.mi.commands.GdbExit;
import org.ruedo.debug.mi.commands.GdbSet;
import org.ruedo.debug.mi.commands.InterpreterExecConsole;
import org.ruedo.debug.mi.commands.TargetSelectRemote;
import org.ruedo.debug.mi.commands.ThreadInfo;
import org.ruedo.debug.mi.commands.VarDelete;
import org.ruedo.debug.mi.events.StoppedEvent;
import org.ruedo.launch.QemuSession;

/**
 * One debug session: gdb (MI) attached to QEMU's gdbstub. The work is split like DSF-GDB's services:
 * {@link RunControlService} (all-stop run control), {@link BreakpointService} (gdb breakpoints kept in
 * sync with the platform breakpoint manager), {@link MIEventDispatcher} (async records to DebugEvents,
 * on the MI reader thread); frames, variables (var objects), registers and memory are model elements
 * that query gdb when shown. Anything that needs MI commands from an event runs on the target's worker
 * thread (the reader must never wait for an answer it would itself have to read).
 */
public class RuedoDebugTarget extends DebugElementBase
        implements IDebugTarget, IMemoryBlockRetrievalExtension, IDebugEventSetListener {
    /** Step kinds. */
    public enum Step {
        INTO, OVER, RETURN
    }

    private final ILaunch launch;
    private final QemuSession qemu;
    private final Process gdb;
    private final MISession mi;
    private final RunControlService runControl;
    private final BreakpointService breakpoints;
    private final Map<Integer, RuedoThread> threads = new LinkedHashMap<>();
    private final List<String> varObjects = new ArrayList<>();
    private final List<Consumer<String>> consoleListeners = new CopyOnWriteArrayList<>();
    /** What gdb printed so far (its last CONSOLE_KEEP characters), replayed to late console listeners. */
    private final StringBuilder consoleText = new StringBuilder();
    private static final int CONSOLE_KEEP = 256 * 1024;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ruedo-debug-worker");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean terminating;
    private volatile boolean guestEnded;
    private volatile String terminationMessage;
    private List<String> registerNames;
    private final Map<String, String> seenValues = new java.util.HashMap<>();

    public RuedoDebugTarget(ILaunch launch, QemuSession qemu, Process gdb) {
        super(null);
        this.launch = launch;
        this.qemu = qemu;
        this.gdb = gdb;
        this.mi = new MISession(gdb.getInputStream(), gdb.getOutputStream());
        this.runControl = new RunControlService(mi);
        this.breakpoints = new BreakpointService(mi, runControl, worker);
        mi.addListener(new MIEventDispatcher(this, runControl, breakpoints));
        Thread err = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(gdb.getErrorStream()))) {
                String l;
                while ((l = r.readLine()) != null) {
                    console(l + "\n");
                }
            } catch (java.io.IOException e) {
                // gdb ended
            }
        }, "ruedo-gdb-stderr");
        err.setDaemon(true);
        err.start();
        DebugPlugin.getDefault().addDebugEventListener(this);
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    /** The MI session (for services, tests and the gdb console). */
    public MISession mi() {
        return mi;
    }

    /** The gdb OS process. */
    public Process gdbProcess() {
        return gdb;
    }

    /** The QEMU session. */
    public QemuSession qemu() {
        return qemu;
    }

    /** Why the session ended when it ended on its own (gdb died), or null. */
    public String terminationMessage() {
        return terminationMessage;
    }

    /** The last *stopped event. */
    public StoppedEvent lastStop() {
        return runControl.lastStop();
    }

    /**
     * Connects gdb to QEMU's gdbstub, installs the platform's breakpoints, optionally a temporary
     * breakpoint at {@code main}, and lets the guest run.
     * <p>
     * The long-mode switch: QEMU starts frozen at the reset vector in real mode, while the kernel's code
     * runs in 64-bit long mode. gdb was started on the 64-bit ELF and is told {@code set architecture
     * i386:x86-64} before it connects, so it asks for and accepts the 64-bit register set from the first
     * packet (attaching with a 32-bit architecture and switching later is what produces "Remote 'g'
     * packet reply is too long"). The temporary breakpoint at {@code main} is a QEMU (TCG) breakpoint:
     * QEMU's gdbstub implements Z0 itself instead of patching guest memory, so it survives the boot
     * loader copying the image, and it is only reached once the CPU runs 64-bit code.
     * <p>
     * The first command is {@code -fix-multi-location-breakpoint-output}: gdb runs as {@code -i=mi2},
     * whose report of a breakpoint with several locations breaks the MI grammar.
     */
    public void start(boolean stopAtMain) throws DebugException {
        try {
            // multi-location breakpoints (inlined header functions) as locations=[..] inside bkpt={..}
            try {
                mi.execute(new FixMultiLocationBreakpointOutput());
            } catch (MIException e) {
                if (mi.isClosed()) {
                    throw e;
                }
                // gdb older than 10: single-location breakpoints still work; say why others will not
                console("warning: " + e.getMessage() + " (gdb 10 or newer is needed for breakpoints with several locations)\n");
                ILog.of(getClass()).warn(e.getMessage());
            }
            mi.execute(new GdbSet("mi-async", "on"));
            mi.execute(new GdbSet("pagination", "off"));
            mi.execute(new GdbSet("confirm", "off"));
            mi.execute(new GdbSet("architecture", "i386:x86-64"));
            mi.execute(new TargetSelectRemote("127.0.0.1", qemu.gdbPort()), 20_000);
            for (MIThread t : mi.execute(new ThreadInfo())) {
                addThread(t.id());
            }
            breakpoints.start();
            if (stopAtMain) {
                breakpoints.insertFunction("main", true);
            }
            fireCreationEvent();
            threadList().forEach(RuedoThread::fireCreationEvent);
            runControl.setState(RunControlService.State.RUNNING);
            mi.execute(new ExecContinue());
        } catch (MIException e) {
            throw fail(e);
        }
    }

    // ---- threads (one per vCPU) ----

    RuedoThread addThread(int id) {
        synchronized (threads) {
            return threads.computeIfAbsent(id, i -> new RuedoThread(this, i));
        }
    }

    RuedoThread removeThread(int id) {
        synchronized (threads) {
            return threads.remove(id);
        }
    }

    List<RuedoThread> threadList() {
        synchronized (threads) {
            return new ArrayList<>(threads.values());
        }
    }

    // ---- session end ----

    /** gdb's output ended (it exited or was killed). */
    void gdbEnded(String reason) {
        if (!terminating && runControl.state() != RunControlService.State.TERMINATED) {
            String where = getName();
            terminationMessage = "gdb ended the debug session: " + reason;
            ILog.of(getClass()).error(terminationMessage + " (" + where + ")");
            console("\n" + terminationMessage + "\n");
            terminateLater(terminationMessage);
        }
    }

    /**
     * The guest ended on its own (gdb reported the remote side exiting): QEMU is exiting with the guest's
     * status, so the session ends without killing it (a kill would turn the status into "killed").
     */
    void guestEnded(String why) {
        if (terminating) {
            // gdb reports the inferior gone because we are ending the session (-gdb-exit): QEMU is not exiting by itself
            return;
        }
        guestEnded = true;
        terminateLater(why);
    }

    /** Ends the session from the worker (never from the MI reader thread). */
    void terminateLater(String why) {
        try {
            worker.submit(this::terminateQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the session already ended (its own QEMU TERMINATE event arrives after the worker stopped)
        }
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.TERMINATE && e.getSource() == qemu.process()
                    && runControl.state() != RunControlService.State.TERMINATED) {
                terminateLater("QEMU exited");
            }
        }
    }

    // ---- var objects and registers (shared by frames) ----

    void trackVarObject(String name) {
        synchronized (varObjects) {
            varObjects.add(name);
        }
    }

    /** Var objects belong to one suspension: deleted when the guest runs again. */
    void cleanUpVarObjects() {
        List<String> names;
        synchronized (varObjects) {
            names = new ArrayList<>(varObjects);
            varObjects.clear();
        }
        if (!names.isEmpty() && !worker.isShutdown()) {
            worker.submit(() -> names.forEach(n -> mi.send(new VarDelete(n))));
        }
    }

    /**
     * Remembers the value of a local ({@code thread/function/name}) and says whether it differs from
     * the last one seen, for the Variables view's "changed" highlighting across steps.
     */
    boolean valueSeen(String key, String value) {
        if (value == null) {
            return false;
        }
        synchronized (seenValues) {
            String before = seenValues.put(key, value);
            return before != null && !before.equals(value);
        }
    }

    List<String> registerNames() throws DebugException {
        synchronized (this) {
            if (registerNames == null) {
                try {
                    registerNames = mi.execute(new DataListRegisterNames());
                } catch (MIException e) {
                    throw fail(e);
                }
            }
            return registerNames;
        }
    }

    // ---- gdb console ----

    /**
     * Adds a listener of gdb's console text; it first gets what gdb already printed (the session may
     * start talking before a console opens), then every new piece, in order.
     */
    public void addConsoleListener(Consumer<String> l) {
        synchronized (consoleText) {
            if (consoleText.length() > 0) {
                l.accept(consoleText.toString());
            }
            consoleListeners.add(l);
        }
    }

    public void removeConsoleListener(Consumer<String> l) {
        consoleListeners.remove(l);
    }

    void console(String text) {
        synchronized (consoleText) {
            consoleText.append(text);
            if (consoleText.length() > CONSOLE_KEEP) {
                consoleText.delete(0, consoleText.length() - CONSOLE_KEEP);
            }
            consoleListeners.forEach(c -> c.accept(text));
        }
    }

    /** Runs a gdb CLI command (output arrives at the console listeners). */
    public void cli(String command) {
        mi.send(new InterpreterExecConsole(command)).whenComplete((r, e) -> {
            if (e != null) {
                console(e.getMessage() + "\n");
            } else if (r.isError()) {
                console(r.errorMessage() + "\n");
            }
        });
    }

    /** Evaluates a C expression in a frame. */
    public String evaluate(int thread, int frame, String expression) throws DebugException {
        try {
            return mi.execute(new DataEvaluateExpression(thread, frame, expression));
        } catch (MIException e) {
            throw fail(e);
        }
    }

    // ---- run control ----

    boolean isStepping() {
        return runControl.isStepping();
    }

    void step(RuedoThread thread, Step kind, int detail) throws DebugException {
        runControl.step(thread, kind, detail);
    }

    /**
     * Runs until a source line is reached, in any function: a temporary breakpoint at the line, then
     * continue ({@code RunControlService.runToLine}); a stop elsewhere first ends it there.
     */
    public void runToLine(RuedoThread thread, Path file, int line) throws DebugException {
        runControl.runToLine(thread, file, line);
    }

    @Override
    public boolean canResume() {
        return runControl.canResume();
    }

    @Override
    public boolean canSuspend() {
        return runControl.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return runControl.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        runControl.resume();
    }

    @Override
    public void suspend() throws DebugException {
        runControl.suspend();
    }

    @Override
    public boolean canTerminate() {
        return runControl.state() != RunControlService.State.TERMINATED;
    }

    @Override
    public boolean isTerminated() {
        return runControl.state() == RunControlService.State.TERMINATED;
    }

    @Override
    public void terminate() throws DebugException {
        terminateQuietly();
    }

    /** Ends gdb (politely, then by force), then QEMU; both are gone when this returns. */
    private synchronized void terminateQuietly() {
        if (runControl.state() == RunControlService.State.TERMINATED) {
            return;
        }
        terminating = true;
        try {
            if (!mi.isClosed()) {
                mi.send(new GdbExit());
            }
            if (!gdb.waitFor(2, TimeUnit.SECONDS)) {
                gdb.destroy();
                if (!gdb.waitFor(2, TimeUnit.SECONDS)) {
                    gdb.destroyForcibly();
                    gdb.waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // QEMU that exits (or exited) by itself keeps its exit status: wait for the launch to record
            // it rather than killing it
            Process q = qemu.process().osProcess();
            if (guestEnded) {
                q.waitFor(3, TimeUnit.SECONDS);
            }
            if (!q.isAlive()) {
                long end = System.currentTimeMillis() + 5000;
                while (!qemu.process().isTerminated() && System.currentTimeMillis() < end) {
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            qemu.process().terminate();
        } catch (DebugException e) {
            // already gone
        }
        mi.close();
        runControl.setState(RunControlService.State.TERMINATED);
        breakpoints.stop();
        DebugPlugin dp = DebugPlugin.getDefault();
        if (dp != null) {
            dp.removeDebugEventListener(this);
        }
        for (RuedoThread t : threadList()) {
            t.fireTerminateEvent();
        }
        fireTerminateEvent();
        worker.shutdown();
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() throws DebugException {
        throw new DebugException(org.eclipse.core.runtime.Status.error("disconnect is not supported"));
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
        breakpoints.breakpointAdded(b);
    }

    @Override
    public void breakpointRemoved(IBreakpoint b, IMarkerDelta delta) {
        breakpoints.breakpointRemoved(b, delta);
    }

    @Override
    public void breakpointChanged(IBreakpoint b, IMarkerDelta delta) {
        breakpoints.breakpointChanged(b, delta);
    }

    // ---- model ----

    @Override
    public IProcess getProcess() {
        return qemu.process();
    }

    @Override
    public IThread[] getThreads() {
        return threadList().toArray(IThread[]::new);
    }

    @Override
    public boolean hasThreads() {
        return !threadList().isEmpty();
    }

    @Override
    public String getName() {
        return "gdb: " + qemu.elf().getFileName() + " @ 127.0.0.1:" + qemu.gdbPort()
                + (terminationMessage != null ? " (" + terminationMessage + ")" : "");
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
        String value = evaluate(thread, level, expression);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("0x[0-9a-fA-F]+|^[0-9]+").matcher(value.strip());
        if (!m.find()) {
            throw new DebugException(org.eclipse.core.runtime.Status.error("'" + expression + "' is not an address: " + value));
        }
        long address = Long.parseUnsignedLong(m.group().startsWith("0x") ? m.group().substring(2) : m.group(),
                m.group().startsWith("0x") ? 16 : 10);
        return new RuedoMemoryBlock(this, expression, address, 256);
    }
}
