package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.fault.tests.Fixtures.waitFor;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IThread;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.DataDisassemble;
import org.ruedo.debug.mi.commands.ExecStepInstruction;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;

/**
 * Issue 13's bench rows (kept apart from {@link DebugLaunchBench}'s own, which calls {@link #rows}): in one
 * IDE Debug session, the Disassembly view's model fill of 200 instructions around the PC (cache dropped
 * first) against the raw {@code -data-disassemble} round trip of the same range on the same gdb; and an
 * instruction step in the IDE (Step Into in Instruction Stepping Mode until the model's SUSPEND) against
 * a raw {@code -exec-step-instruction} until gdb's {@code *stopped}.
 */
final class InstructionBench {
    private static final int STEPS = 10;

    private InstructionBench() {
    }

    static List<String> rows(ILaunchConfigurationWorkingCopy wc, int runs) throws Exception {
        ILaunch launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
        try {
            RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
            waitFor(() -> t.isSuspended() || t.isTerminated(), 60, "stop at main");
            IThread th = t.thread(t.lastStop().threadId());
            long pc = MIInstruction.parseAddress(((RuedoStackFrame) th.getTopStackFrame()).frame().addr());
            double[] fill = new double[runs], rawFill = new double[runs], step = new double[runs], rawStep = new double[runs];
            for (int i = 0; i < runs; i++) {
                t.disassembly().invalidate();
                long t0 = System.nanoTime();
                List<MIInstruction> model = t.disassembly().around(pc, 100, 100);
                fill[i] = (System.nanoTime() - t0) / 1e6;
                assertEquals(200, model.size());
                long t1 = System.nanoTime();
                List<MIInstruction> raw = t.mi().execute(DataDisassemble.range(model.get(0).address(), model.get(199).end()));
                rawFill[i] = (System.nanoTime() - t1) / 1e6;
                assertEquals(200, raw.size());
                step[i] = ideSteps(t, th);
                rawStep[i] = rawSteps(t.mi(), ((org.ruedo.debug.model.RuedoThread) th).id());
            }
            return List.of(
                    DebugLaunchBench.row("debug: Disassembly view model fill, 200 instructions around the PC (cache dropped)", DebugLaunchBench.med(fill),
                            "raw -data-disassemble of the same range, mode 5, same gdb", DebugLaunchBench.med(rawFill)),
                    DebugLaunchBench.row("debug: IDE Step Into in Instruction Stepping Mode -> SUSPEND (debug model)", DebugLaunchBench.med(step),
                            "raw -exec-step-instruction to *stopped, same gdb", DebugLaunchBench.med(rawStep)));
        } finally {
            launch.terminate();
            waitFor(launch::isTerminated, 20, "terminate");
        }
    }

    private static double ideSteps(RuedoDebugTarget t, IThread th) throws Exception {
        LinkedBlockingQueue<Object> suspends = new LinkedBlockingQueue<>();
        IDebugEventSetListener l = events -> {
            for (DebugEvent e : events) {
                if (e.getKind() == DebugEvent.SUSPEND && e.getSource() == th) {
                    suspends.add(e);
                }
            }
        };
        t.setInstructionStepping(true);
        DebugPlugin.getDefault().addDebugEventListener(l);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < STEPS; i++) {
                th.stepInto();
                assertTrue(suspends.poll(30, TimeUnit.SECONDS) != null, "SUSPEND after stepi " + i);
                th.getTopStackFrame();
            }
        } finally {
            DebugPlugin.getDefault().removeDebugEventListener(l);
            t.setInstructionStepping(false);
        }
        return (System.nanoTime() - t0) / 1e6 / STEPS;
    }

    private static double rawSteps(MISession mi, int thread) throws Exception {
        LinkedBlockingQueue<Object> stops = new LinkedBlockingQueue<>();
        MISession.Listener l = new MISession.Listener() {
            @Override
            public void async(MIRecord.Async a) {
                if (a.kind() == MIRecord.AsyncKind.EXEC && a.asyncClass().equals("stopped")) {
                    stops.add(a);
                }
            }
        };
        mi.addListener(l);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < STEPS; i++) {
                mi.execute(new ExecStepInstruction(thread));
                assertTrue(stops.poll(30, TimeUnit.SECONDS) != null, "*stopped after raw stepi " + i);
            }
        } finally {
            mi.removeListener(l);
        }
        return (System.nanoTime() - t0) / 1e6 / STEPS;
    }
}
