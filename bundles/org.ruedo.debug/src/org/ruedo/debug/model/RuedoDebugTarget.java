package org.ruedo.debug.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakCondition;
import org.ruedo.debug.mi.commands.BreakDelete;
import org.ruedo.debug.mi.commands.BreakDisable;
import org.ruedo.debug.mi.commands.BreakEnable;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.DataEvaluateExpression;
import org.ruedo.debug.mi.commands.DataListRegisterNames;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecFinish;
import org.ruedo.debug.mi.commands.ExecInterrupt;
import org.ruedo.debug.mi.commands.ExecNext;
import org.ruedo.debug.mi.commands.ExecStep;
import org.ruedo.debug.mi.commands.ExecUntil;
import org.ruedo.debug.mi.commands.GdbExit;
import org.ruedo.debug.mi.commands.GdbSet;
import org.ruedo.debug.mi.commands.InterpreterExecConsole;
import org.ruedo.debug.mi.commands.TargetSelectRemote;
import org.ruedo.debug.mi.commands.ThreadInfo;
import org.ruedo.debug.mi.commands.VarDelete;
import org.ruedo.debug.mi.events.RunningEvent;
import org.ruedo.debug.mi.events.StoppedEvent;
import org.ruedo.debug.mi.events.ThreadCreatedEvent;
import org.ruedo.debug.mi.events.ThreadExitedEvent;
import org.ruedo.launch.QemuSession;

/**
 * One debug session: gdb (MI) attached to QEMU's gdbstub. Run control is all-stop: every vCPU
 * (thread) stops and resumes together. Async MI records arrive on the MI reader thread and are
 * turned into DebugEvents there; anything that needs MI commands runs on the target's worker thread
 * (the reader must never wait for an answer it would itself have to read).
 */
public class RuedoDebugTarget extends DebugElementBase
        implements IDebugTarget, IMemoryBlockRetrieval, MISession.Listener, IBreakpointListener, IDebugEventSetListener {
    /** Step kinds. */
    public enum Step {
        INTO, OVER, RETURN
    }

    private enum State {
        STARTING, RUNNING, SUSPENDED, TERMINATED
    }

    private final ILaunch launch;
    private final QemuSession qemu;
    private final Process gdb;
    private final MISession mi;
    private final Map<Integer, RuedoThread> threads = new LinkedHashMap<>();
    private final Map<RuedoLineBreakpoint, Integer> bpNumbers = new HashMap<>();
    private final List<String> varObjects = new ArrayList<>();
    private final List<Consumer<String>> consoleListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ruedo-debug-worker");
        t.setDaemon(true);
        return t;
    });
    private volatile State state = State.STARTING;
    private volatile boolean stepping;
    private volatile int pendingDetail = DebugEvent.CLIENT_REQUEST;
    private volatile boolean terminating;
    private volatile String terminationMessage;
    private volatile StoppedEvent lastStop;
    private List<String> registerNames;

    public RuedoDebugTarget(ILaunch launch, QemuSession qemu, Process gdb) {
        super(null);
        this.launch = launch;
        this.qemu = qemu;
        this.gdb = gdb;
        this.mi = new MISession(gdb.getInputStream(), gdb.getOutputStream());
        mi.addListener(this);
        Thread err = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(gdb.getErrorStream()))) {
                String l;
                while ((l = r.readLine()) != null) {
                    String line = l;
                    consoleListeners.forEach(c -> c.accept(line + "\n"));
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
        return lastStop;
    }

    /**
     * Connects gdb to QEMU's gdbstub, installs the platform's breakpoints, optionally a temporary
     * breakpoint at {@code main}, and lets the guest run.
     */
    public void start(boolean stopAtMain) throws DebugException {
        try {
            mi.execute(new GdbSet("mi-async", "on"));
            mi.execute(new GdbSet("pagination", "off"));
            mi.execute(new GdbSet("confirm", "off"));
            // the ELF is 64-bit: make sure gdb talks x86-64 to a CPU that is still in real mode
            mi.execute(new GdbSet("architecture", "i386:x86-64"));
            mi.execute(new TargetSelectRemote("127.0.0.1", qemu.gdbPort()), 20_000);
            for (var t : mi.execute(new ThreadInfo())) {
                addThread(t.integer("id", -1));
            }
            DebugPlugin.getDefault().getBreakpointManager().addBreakpointListener(this);
            for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(MODEL_ID)) {
                if (b instanceof RuedoLineBreakpoint lb) {
                    install(lb);
                }
            }
            if (stopAtMain) {
                mi.execute(new BreakInsert("main", true, false, null));
            }
            fireCreationEvent();
            synchronized (threads) {
                threads.values().forEach(t -> t.fireCreationEvent());
            }
            state = State.RUNNING;
            mi.execute(new ExecContinue());
        } catch (MIException e) {
            throw fail(e);
        }
    }

    private RuedoThread addThread(int id) {
        synchronized (threads) {
            return threads.computeIfAbsent(id, i -> new RuedoThread(this, i));
        }
    }

    // ---- MI events (reader thread) ----

    @Override
    public void async(MIRecord.Async a) {
        ThreadCreatedEvent tc = ThreadCreatedEvent.from(a);
        if (tc != null) {
            RuedoThread t = addThread(tc.id());
            if (state != State.STARTING) {
                t.fireCreationEvent();
            }
            return;
        }
        ThreadExitedEvent te = ThreadExitedEvent.from(a);
        if (te != null) {
            RuedoThread t;
            synchronized (threads) {
                t = threads.remove(te.id());
            }
            if (t != null) {
                t.fireTerminateEvent();
            }
            return;
        }
        RunningEvent re = RunningEvent.from(a);
        if (re != null && state != State.STARTING && state != State.TERMINATED) {
            state = State.RUNNING;
            int detail = pendingDetail;
            for (RuedoThread t : threadList()) {
                t.resumed();
                t.fireResumeEvent(detail);
            }
            cleanUpVarObjects();
            return;
        }
        StoppedEvent se = StoppedEvent.from(a);
        if (se != null && state != State.STARTING && state != State.TERMINATED) {
            if (se.reason() != null && se.reason().startsWith("exited")) {
                worker.submit(this::terminateQuietly);
                return;
            }
            lastStop = se;
            stepping = false;
            pendingDetail = DebugEvent.CLIENT_REQUEST;
            state = State.SUSPENDED;
            int detail = switch (se.reason() == null ? "" : se.reason()) {
                case "breakpoint-hit" -> DebugEvent.BREAKPOINT;
                case "end-stepping-range", "function-finished", "location-reached" -> DebugEvent.STEP_END;
                default -> DebugEvent.CLIENT_REQUEST;
            };
            IBreakpoint[] hit = new IBreakpoint[0];
            if (se.breakpoint() > 0) {
                synchronized (bpNumbers) {
                    hit = bpNumbers.entrySet().stream().filter(e -> e.getValue() == se.breakpoint()).map(Map.Entry::getKey)
                            .toArray(IBreakpoint[]::new);
                }
            }
            RuedoThread stopped = addThread(se.threadId() > 0 ? se.threadId() : 1);
            for (RuedoThread t : threadList()) {
                t.suspended(t == stopped ? hit : new IBreakpoint[0]);
            }
            stopped.fireSuspendEvent(detail);
            for (RuedoThread t : threadList()) {
                if (t != stopped) {
                    t.fireSuspendEvent(DebugEvent.CLIENT_REQUEST);
                }
            }
        }
    }

    @Override
    public void stream(MIRecord.Stream s) {
        if (s.kind() != MIRecord.StreamKind.LOG || !s.text().startsWith("-")) {
            consoleListeners.forEach(c -> c.accept(s.text()));
        }
    }

    @Override
    public void closed(String reason) {
        if (!terminating && state != State.TERMINATED) {
            terminationMessage = "gdb ended the debug session: " + reason;
            ILog.of(getClass()).error(terminationMessage + " (" + getName() + ")");
            consoleListeners.forEach(c -> c.accept("\n" + terminationMessage + "\n"));
            worker.submit(this::terminateQuietly);
        }
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.TERMINATE && e.getSource() == qemu.process() && state != State.TERMINATED) {
                worker.submit(this::terminateQuietly);
            }
        }
    }

    private List<RuedoThread> threadList() {
        synchronized (threads) {
            return new ArrayList<>(threads.values());
        }
    }

    void trackVarObject(String name) {
        synchronized (varObjects) {
            varObjects.add(name);
        }
    }

    private void cleanUpVarObjects() {
        List<String> names;
        synchronized (varObjects) {
            names = new ArrayList<>(varObjects);
            varObjects.clear();
        }
        if (!names.isEmpty()) {
            worker.submit(() -> names.forEach(n -> mi.send(new VarDelete(n))));
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

    /** Receives console text (gdb CLI output and stderr). */
    public void addConsoleListener(Consumer<String> l) {
        consoleListeners.add(l);
    }

    public void removeConsoleListener(Consumer<String> l) {
        consoleListeners.remove(l);
    }

    /** Runs a gdb CLI command (output arrives at the console listeners). */
    public void cli(String command) {
        mi.send(new InterpreterExecConsole(command)).thenAccept(r -> {
            if (r.isError()) {
                consoleListeners.forEach(c -> c.accept(r.errorMessage() + "\n"));
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
        return stepping;
    }

    void step(RuedoThread thread, Step kind, int detail) throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        stepping = true;
        pendingDetail = detail;
        try {
            mi.execute(switch (kind) {
                case INTO -> new ExecStep(thread.id());
                case OVER -> new ExecNext(thread.id());
                case RETURN -> new ExecFinish(thread.id());
            });
        } catch (MIException e) {
            stepping = false;
            throw fail(e);
        }
    }

    /** Runs until a source line is reached ({@code -exec-until}). */
    public void runToLine(RuedoThread thread, Path file, int line) throws DebugException {
        try {
            pendingDetail = DebugEvent.CLIENT_REQUEST;
            mi.execute(new ExecUntil(thread.id(), file + ":" + line));
        } catch (MIException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean canResume() {
        return state == State.SUSPENDED && !stepping;
    }

    @Override
    public boolean canSuspend() {
        return state == State.RUNNING;
    }

    @Override
    public boolean isSuspended() {
        return state == State.SUSPENDED;
    }

    @Override
    public void resume() throws DebugException {
        if (state != State.SUSPENDED) {
            return;
        }
        pendingDetail = DebugEvent.CLIENT_REQUEST;
        try {
            mi.execute(new ExecContinue());
        } catch (MIException e) {
            throw fail(e);
        }
    }

    @Override
    public void suspend() throws DebugException {
        if (state != State.RUNNING) {
            return;
        }
        try {
            mi.execute(new ExecInterrupt());
        } catch (MIException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean canTerminate() {
        return state != State.TERMINATED;
    }

    @Override
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    @Override
    public void terminate() throws DebugException {
        terminateQuietly();
    }

    private synchronized void terminateQuietly() {
        if (state == State.TERMINATED) {
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
            qemu.process().terminate();
        } catch (DebugException e) {
            // already gone
        }
        mi.close();
        state = State.TERMINATED;
        DebugPlugin dp = DebugPlugin.getDefault();
        if (dp != null) {
            dp.getBreakpointManager().removeBreakpointListener(this);
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
        return b instanceof RuedoLineBreakpoint;
    }

    private void install(RuedoLineBreakpoint b) throws MIException {
        try {
            int line = b.getLineNumber();
            MIBreakpoint mb = mi.execute(new BreakInsert(b.path() + ":" + line, false, false, b.condition()));
            synchronized (bpNumbers) {
                bpNumbers.put(b, mb.number());
            }
            if (!b.isEnabled()) {
                mi.execute(new BreakDisable(mb.number()));
            }
        } catch (CoreException e) {
            throw new MIException("cannot read breakpoint: " + e.getMessage(), e);
        }
    }

    /** Runs an MI change now when gdb can take it; while the guest runs, interrupts, applies it and continues. */
    private void whileStopped(MIAction action) {
        if (state == State.TERMINATED) {
            return;
        }
        if (state != State.RUNNING) {
            try {
                action.run();
            } catch (MIException e) {
                ILog.of(getClass()).warn("breakpoint update failed: " + e.getMessage());
            }
            return;
        }
        worker.submit(() -> {
            try {
                mi.execute(new ExecInterrupt());
                long end = System.currentTimeMillis() + 5000;
                while (state != State.SUSPENDED && System.currentTimeMillis() < end) {
                    Thread.sleep(5);
                }
                action.run();
                mi.execute(new ExecContinue());
            } catch (MIException | InterruptedException e) {
                ILog.of(getClass()).warn("breakpoint update failed: " + e.getMessage());
            }
        });
    }

    private interface MIAction {
        void run() throws MIException;
    }

    @Override
    public void breakpointAdded(IBreakpoint b) {
        if (b instanceof RuedoLineBreakpoint lb) {
            whileStopped(() -> install(lb));
        }
    }

    @Override
    public void breakpointRemoved(IBreakpoint b, IMarkerDelta delta) {
        Integer n;
        synchronized (bpNumbers) {
            n = bpNumbers.remove(b);
        }
        if (n != null) {
            int num = n;
            whileStopped(() -> mi.execute(new BreakDelete(num)));
        }
    }

    @Override
    public void breakpointChanged(IBreakpoint b, IMarkerDelta delta) {
        Integer n;
        synchronized (bpNumbers) {
            n = bpNumbers.get(b);
        }
        if (n == null || !(b instanceof RuedoLineBreakpoint lb)) {
            return;
        }
        int num = n;
        whileStopped(() -> {
            try {
                mi.execute(lb.isEnabled() ? new BreakEnable(num) : new BreakDisable(num));
                mi.execute(new BreakCondition(num, lb.condition()));
            } catch (CoreException e) {
                throw new MIException(e.getMessage(), e);
            }
        });
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

    @Override
    public boolean supportsStorageRetrieval() {
        return true;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) {
        return new RuedoMemoryBlock(this, startAddress, length);
    }
}
