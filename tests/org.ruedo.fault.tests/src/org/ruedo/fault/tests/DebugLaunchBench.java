package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.fault.tests.Fixtures.app;
import static org.ruedo.fault.tests.Fixtures.config;
import static org.ruedo.fault.tests.Fixtures.kernel;
import static org.ruedo.fault.tests.Fixtures.project;
import static org.ruedo.fault.tests.Fixtures.waitFor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.junit.jupiter.api.Test;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.tests.support.RawGdbBaseline;

/**
 * Benchmark, not a test (its name keeps it out of the normal test run; {@code bench/run} runs it with
 * {@code -Dtest=DebugLaunchBench -Druedo.benchOut=FILE}): the whole IDE debug launch, through the launch
 * configuration type, the launch delegate and the debug model, until the vCPU thread is suspended at
 * {@code main} with its top frame known (what the Debug view shows), and one Step Over until the model
 * is suspended again with the new frame; against a raw gdb MI script that starts the same frozen QEMU
 * and sends the same commands by hand. Both sides run in this JVM, alternating which goes first; the
 * medians go to {@code ruedo.benchOut} as Markdown table rows. It asserts only that each side did what
 * it measures.
 */
class DebugLaunchBench extends FaultTestBase {
    private static final String MAIN = "#include <ruedo.h>\n\nint main(void)\n{\n    int a = 1;\n    int b = 2;\n    int c = a + b;\n"
            + "    int d = c * 2;\n    int e = d - a;\n    int f = e + b;\n    printk(\"%d\\n\", f);\n    return 0;\n}\n";
    private static final int STEPS = 5;

    @Test
    void debugLaunchToMainAndStepAgainstRawGdb() throws Exception {
        String out = System.getProperty("ruedo.benchOut");
        if (out == null || out.isEmpty()) {
            throw new IllegalStateException("a benchmark: run it with bench/run (-Druedo.benchOut=FILE)");
        }
        int runs = Integer.getInteger("ruedo.benchRuns", 5);
        Path dir = app(tmp.resolve("dbench"), "dbench", kernel().toString(), MAIN);
        ILaunchConfigurationWorkingCopy wc = config(project("dbench", dir));
        Path elf = dir.resolve("build/dbench.elf");
        ide(wc);   // warm-up: builds the image, loads the classes
        raw(elf, dir.resolve("build/dbench.img"));
        double[] ideStart = new double[runs], ideStep = new double[runs], rawStart = new double[runs], rawStep = new double[runs];
        for (int i = 0; i < runs; i++) {
            double[] a, b;
            if (i % 2 == 0) {
                a = ide(wc);
                b = raw(elf, dir.resolve("build/dbench.img"));
            } else {
                b = raw(elf, dir.resolve("build/dbench.img"));
                a = ide(wc);
            }
            ideStart[i] = a[0];
            ideStep[i] = a[1];
            rawStart[i] = b[0];
            rawStep[i] = b[1];
        }
        List<String> rows = new ArrayList<>();
        rows.add(row("debug: IDE Debug launch -> vCPU suspended at main, frame shown (launch delegate + debug model)", med(ideStart),
                "raw gdb -i=mi2 script: frozen QEMU, target-select, break-insert -t main, exec-continue to *stopped", med(rawStart)));
        rows.add(row("debug: IDE Step Over -> suspended again with the new frame (debug model)", med(ideStep),
                "raw gdb MI script: -exec-next to *stopped", med(rawStep)));
        rows.add(faultRow(runs));
        Files.write(Path.of(out), rows, StandardCharsets.UTF_8);
    }

    /**
     * Stop at the fault: a Debug launch of a crashing app until the faulting vCPU is suspended with the
     * faulting frame on top, against a Run launch of the same image until its crash report is complete.
     */
    private String faultRow(int runs) throws Exception {
        Path dir = app(tmp.resolve("fbench"), "fbench", kernel().toString(), CRASH);
        ILaunchConfigurationWorkingCopy wc = config(project("fbench", dir));
        wc.setAttribute(org.ruedo.debug.launch.DebugLaunchKeys.ATTR_STOP_AT_MAIN, false);
        faultStop(wc);   // warm-up: builds the image
        runToReport(wc);
        wc.setAttribute(org.ruedo.launch.LaunchConstants.ATTR_BUILD_FIRST, false);
        double[] debug = new double[runs], run = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                debug[i] = faultStop(wc);
                run[i] = runToReport(wc);
            } else {
                run[i] = runToReport(wc);
                debug[i] = faultStop(wc);
            }
        }
        return row("debug: IDE Debug launch -> suspended at the fault, faulting frame on top (stop at the fault)", med(debug),
                "IDE Run launch of the same image -> crash report complete on the serial console", med(run));
    }

    private static final String CRASH = "#include <ruedo.h>\n\n__attribute__((noinline)) void store(int *p)\n{\n    *p = 42;\n}\n\n"
            + "int main(void)\n{\n    printk(\"about to crash\\n\");\n    store((int *)0);\n    return 0;\n}\n";

    private static double faultStop(ILaunchConfigurationWorkingCopy wc) throws Exception {
        long t0 = System.nanoTime();
        ILaunch launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
        waitFor(() -> t.isSuspended() || t.isTerminated(), 60, "the fault stop");
        IStackFrame f = t.thread(t.lastStop().threadId()).getTopStackFrame();
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(f != null && f.getName().startsWith("store()"), "the faulting frame on top: " + f);
        launch.terminate();
        waitFor(launch::isTerminated, 20, "terminate");
        DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        return ms;
    }

    private static double runToReport(ILaunchConfigurationWorkingCopy wc) throws Exception {
        long t0 = System.nanoTime();
        ILaunch launch = wc.launch(ILaunchManager.RUN_MODE, null);
        org.ruedo.launch.UnikernelProcess q = (org.ruedo.launch.UnikernelProcess) launch.getProcesses()[0];
        waitFor(() -> q.serialText().contains("*** END OF CRASH REPORT") || q.isTerminated(), 60, "the crash report");
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(q.serialText().contains("*** END OF CRASH REPORT"), q.serialText());
        waitFor(launch::isTerminated, 20, "run end");
        DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        return ms;
    }

    /** [ms launch -> suspended at main with a frame, ms per Step Over] through the IDE's launch and debug model. */
    private static double[] ide(ILaunchConfigurationWorkingCopy wc) throws Exception {
        long t0 = System.nanoTime();
        ILaunch launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
        waitFor(() -> t.isSuspended() || t.isTerminated(), 60, "stop at main");
        IThread th = t.thread(t.lastStop().threadId());
        IStackFrame f = th.getTopStackFrame();
        double start = (System.nanoTime() - t0) / 1e6;
        assertTrue(f != null && f.getName().contains("main"), "suspended in main: " + f);
        int line = f.getLineNumber();
        // woken by the model's own SUSPEND event (no polling delay in the measurement)
        java.util.concurrent.LinkedBlockingQueue<Object> suspends = new java.util.concurrent.LinkedBlockingQueue<>();
        IDebugEventSetListener l = events -> {
            for (DebugEvent e : events) {
                if (e.getKind() == DebugEvent.SUSPEND && e.getSource() == th) {
                    suspends.add(e);
                }
            }
        };
        DebugPlugin.getDefault().addDebugEventListener(l);
        long t1 = System.nanoTime();
        try {
            for (int i = 0; i < STEPS; i++) {
                th.stepOver();
                if (suspends.poll(30, java.util.concurrent.TimeUnit.SECONDS) == null) {
                    throw new AssertionError("no SUSPEND after step " + i);
                }
                f = th.getTopStackFrame();
            }
        } finally {
            DebugPlugin.getDefault().removeDebugEventListener(l);
        }
        double step = (System.nanoTime() - t1) / 1e6 / STEPS;
        // the app is built at the kernel's -O1: a step may cover more than one source line
        assertTrue(f.getLineNumber() > line && f.getName().startsWith("main()"), "the Step Overs went down main: " + line + " -> " + f.getName());
        launch.terminate();
        waitFor(launch::isTerminated, 20, "terminate");
        return new double[] { start, step };
    }

    /** The same against the raw tools: QEMU started frozen with the same command, gdb fed MI lines by hand. */
    private static double[] raw(Path elf, Path img) throws Exception {
        int port = QemuCommand.freeLoopbackPort();
        List<String> argv = new QemuCommand().qemu(Toolchain.fromPath().require(Tool.QEMU)).image(img).cpus(1).memory(128).frozen(true).gdbPort(port)
                .build();
        return RawGdbBaseline.run(argv, port, Toolchain.fromPath().require(Tool.GDB), elf, STEPS);
    }

    private static double med(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String row(String what, double ms, String against, double rawMs) {
        return String.format(Locale.ROOT, "| %s | %.1f | %s | %.1f | %.2f |", what, ms, against, rawMs, ms / rawMs);
    }
}
