package org.ruedo.debug.internal.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.internal.session.SessionListener;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecReverseNext;
import org.ruedo.debug.mi.commands.ExecReverseNextInstruction;
import org.ruedo.debug.mi.commands.ExecReverseStep;
import org.ruedo.debug.mi.commands.ExecReverseStepInstruction;
import org.ruedo.debug.mi.commands.InterpreterExecConsole;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.mi.events.StoppedEvent;

/**
 * Reverse execution of a replay (DSF-GDB's IReverseRunControl; QEMU record/replay, one CPU). Reverse
 * Step Into/Over, line or instruction, are gdb's own ({@code -exec-step|next[-instruction] --reverse}):
 * QEMU answers each reverse single step ({@code bs}) by loading the recording's {@code init} snapshot and
 * replaying to one instruction before.
 * <p>
 * Reverse Resume and Reverse Step Return are done here, not with gdb's {@code reverse-continue}: QEMU
 * 7.2's {@code bc} loads a snapshot from a timer while its vCPU thread waits for the replay lock, and
 * hangs (the main thread sits in {@code do_run_on_cpu} under {@code load_snapshot}). The same search
 * is made of steps that only load a snapshot while the guest is stopped, through the gdbstub's monitor:
 * <pre>
 * -&gt; -interpreter-exec console "monitor info replay"   ~"Replaying execution '.../run.rr': instruction count = 8050768\n"
 * -&gt; -interpreter-exec console "monitor loadvm init"   back to instruction 0 (QEMU stays stopped)
 * -&gt; -interpreter-exec console "maint flush register-cache"    (and the dcache; each watchpoint is
 *                                                       disabled and enabled so gdb re-reads its value)
 * -&gt; -interpreter-exec console "monitor replay_break 8050768"    stop here at the latest
 * -&gt; -exec-continue   ... *stopped,reason="watchpoint-trigger",... at instruction 1570001: remembered
 * -&gt; -exec-continue   ... *stopped,reason="signal-received",signal-name="SIGINT" at 8050768: the end
 * then once more from {@code init} to the last hit, with the breakpoints disabled (one instruction
 * earlier for a write watchpoint, so the writing instruction is the one about to run).
 * </pre>
 * The replays in between are hidden from the model; the stop the user sees carries the last hit's reason
 * (a {@link StopReason.WatchpointTrigger} keeps the old and new values of the write). No hit before the
 * current position means the start of the recording: {@link StopReason.NoHistory}.
 */
public final class ReverseRunControlService extends MIService {
    private static final Pattern ICOUNT = Pattern.compile("instruction count = (\\d+)");
    private static final long STOP_TIMEOUT_S = 600;

    private final RunControlService runControl;
    private final BreakpointService breakpoints;
    private final SessionListener model;
    private final EventDispatcher dispatcher;
    private volatile long position = -1;

    public ReverseRunControlService(MISession mi, RunControlService runControl, BreakpointService breakpoints,
            SessionListener model, EventDispatcher dispatcher) {
        super(mi);
        this.runControl = runControl;
        this.breakpoints = breakpoints;
        this.model = model;
        this.dispatcher = dispatcher;
    }

    /** The replay's position (QEMU's instruction count) at the last reverse operation, -1 when unknown. */
    public long position() {
        return position;
    }

    public boolean canReverse() {
        return runControl.canResume();
    }

    /** Reverse Step Into/Over, a source line or one instruction (gdb's reverse-step/next/stepi/nexti). */
    public void step(int thread, RunControlService.StepKind kind, RunControlService.StepUnit unit, int detail)
            throws DebugException {
        boolean line = unit == RunControlService.StepUnit.LINE;
        switch (kind) {
            case INTO -> runControl.run(line ? new ExecReverseStep(thread) : new ExecReverseStepInstruction(thread), true, detail);
            case OVER -> runControl.run(line ? new ExecReverseNext(thread) : new ExecReverseNextInstruction(thread), true, detail);
            case RETURN -> stepReturn(thread);
        }
    }

    /** Reverse Resume: back to the previous breakpoint or watchpoint hit, else the start of the recording. */
    public void resume() throws DebugException {
        if (!runControl.canResume()) {
            return;
        }
        backTo(null, false, DebugEvent.CLIENT_REQUEST);
    }

    /**
     * Reverse Step Return: back to the call of the current function. The last entry into the function
     * before now (a temporary breakpoint at its first instruction), then one instruction back: the call.
     */
    private void stepReturn(int thread) throws DebugException {
        String pc = execute(new org.ruedo.debug.mi.commands.DataEvaluateExpression(thread, 0, "(long)$pc"));
        String name = console("info symbol " + pc).strip().split("\\s+")[0];     // "read_config + 11 in section .text"
        if (name.isEmpty() || name.equals("No")) {
            throw ServiceException.of("Reverse Step Return: no function at " + pc);
        }
        backTo("*" + name, true, DebugEvent.STEP_RETURN);
    }

    private void backTo(String tempLocation, boolean thenOneBack, int detail) throws DebugException {
        long now = icount();
        runControl.setState(RunControlService.State.RUNNING);
        model.resumed(detail);
        LinkedBlockingQueue<StoppedEvent> stops = new LinkedBlockingQueue<>();
        runControl.hideStops(stops::add);
        StoppedEvent finalStop = null;
        int temp = 0;
        try {
            if (tempLocation != null) {
                var b = execute(new org.ruedo.debug.mi.commands.BreakInsert(tempLocation, false, true, null));
                temp = b == null ? 0 : b.number();
            }
            // 1. from the start to now: remember the last breakpoint or watchpoint hit. The breakpoints
            // wait until kmain: before it, the boot loader copies the image in (watchpoints would fire on
            // the copy, in real mode, and gdb loses them)
            seekStart(now);
            List<Integer> on = enabledBreakpoints();
            setEnabled(on, false);
            var kmain = execute(new org.ruedo.debug.mi.commands.BreakInsert("kmain", true, true, null));
            try {
                execute(new ExecContinue());
                if (stops.poll(STOP_TIMEOUT_S, TimeUnit.SECONDS) == null) {
                    throw ServiceException.of("the replay did not reach kmain");
                }
            } finally {
                if (kmain != null && kmain.number() > 0 && icount() >= now) {
                    execute(new org.ruedo.debug.mi.commands.BreakDelete(kmain.number()));      // not reached
                }
                setEnabled(on, true);       // re-reads each watchpoint's value, now in long mode
            }
            long lastAt = -1;
            StopReason lastReason = null;
            while (position < now) {
                execute(new ExecContinue());
                StoppedEvent se = stops.poll(STOP_TIMEOUT_S, TimeUnit.SECONDS);
                if (se == null || se.reason() instanceof StopReason.Exited) {
                    throw ServiceException.of("the replay did not come back to instruction " + now);
                }
                long at = icount();
                if (at >= now) {
                    break;
                }
                if (se.reason() instanceof StopReason.BreakpointHit || se.reason() instanceof StopReason.WatchpointTrigger) {
                    lastAt = at;
                    lastReason = se.reason();
                }
            }
            // 2. from the start to that hit, nothing else stopping on the way
            seekStart(-1);
            if (lastAt < 0) {
                finalStop = runControl.lastStop().withReason(new StopReason.NoHistory());
            } else {
                long target = lastReason instanceof StopReason.WatchpointTrigger ? lastAt - 1 : lastAt;
                List<Integer> enabled = enabledBreakpoints();
                setEnabled(enabled, false);
                try {
                    console("monitor replay_break " + target);
                    while (finalStop == null) {
                        execute(new ExecContinue());
                        StoppedEvent se = stops.poll(STOP_TIMEOUT_S, TimeUnit.SECONDS);
                        if (se == null || se.reason() instanceof StopReason.Exited) {
                            throw ServiceException.of("the replay did not reach instruction " + target);
                        }
                        if (icount() >= target) {
                            finalStop = se;
                        }
                    }
                } finally {
                    setEnabled(enabled, true);
                }
                if (thenOneBack && temp > 0 && lastReason.breakpoint() == temp) {
                    execute(new ExecReverseStepInstruction(finalStop.threadId()));
                    finalStop = stops.poll(STOP_TIMEOUT_S, TimeUnit.SECONDS);
                    lastReason = new StopReason.SteppingRange();
                }
                finalStop = finalStop == null ? null : finalStop.withReason(lastReason);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.of("interrupted");
        } finally {
            runControl.hideStops(null);
            if (temp > 0) {
                try {
                    execute(new org.ruedo.debug.mi.commands.BreakDelete(temp));
                } catch (DebugException e) {
                    // gone with the session
                }
            }
        }
        position = icount();
        if (finalStop != null) {
            dispatcher.deliver(finalStop);
        }
    }

    /** Back to instruction 0 (the {@code init} snapshot); {@code stopAt} >= 0 arms QEMU's replay break there. */
    private void seekStart(long stopAt) throws DebugException {
        console("monitor loadvm init");
        // gdb's caches describe the old position: registers, memory, and each watchpoint's old value
        console("maint flush register-cache");
        console("maint flush dcache");
        for (var b : execute(new org.ruedo.debug.mi.commands.BreakList())) {
            if (b.enabled() && b.type() != null && b.type().contains("watchpoint")) {
                execute(new org.ruedo.debug.mi.commands.BreakDisable(b.number()));
                execute(new org.ruedo.debug.mi.commands.BreakEnable(b.number()));      // re-reads the value
            }
        }
        if (stopAt >= 0) {
            console("monitor replay_break " + stopAt);
        }
    }

    private List<Integer> enabledBreakpoints() throws DebugException {
        List<Integer> on = new ArrayList<>();
        for (var b : execute(new org.ruedo.debug.mi.commands.BreakList())) {
            if (b.enabled()) {
                on.add(b.number());
            }
        }
        return on;
    }

    private void setEnabled(List<Integer> numbers, boolean on) throws DebugException {
        for (int n : numbers) {
            if (on) {
                execute(new org.ruedo.debug.mi.commands.BreakEnable(n));
            } else {
                execute(new org.ruedo.debug.mi.commands.BreakDisable(n));
            }
        }
    }

    /** QEMU's instruction count ({@code monitor info replay}). */
    public long icount() throws DebugException {
        Matcher m = ICOUNT.matcher(console("monitor info replay"));
        if (!m.find()) {
            throw ServiceException.of("QEMU did not say where the replay is (monitor info replay): is this a replay?");
        }
        position = Long.parseLong(m.group(1));
        return position;
    }

    /** Runs a gdb CLI command and returns what it printed on the console stream. */
    private String console(String command) throws DebugException {
        StringBuilder out = new StringBuilder();
        MISession.Listener l = new MISession.Listener() {
            @Override
            public void stream(MIRecord.Stream s) {
                if (s.kind() != MIRecord.StreamKind.LOG) {
                    synchronized (out) {
                        out.append(s.text());
                    }
                }
            }
        };
        mi.addListener(l);
        try {
            mi.execute(new InterpreterExecConsole(command));
        } catch (MIException e) {
            throw ServiceException.of(e);
        } finally {
            mi.removeListener(l);
        }
        synchronized (out) {
            return out.toString();
        }
    }
}
