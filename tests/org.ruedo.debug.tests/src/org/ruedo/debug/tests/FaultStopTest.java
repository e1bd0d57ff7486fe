package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.ruedo.tests.support.Projects.waitFor;
import static org.ruedo.tests.support.Projects.root;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.eclipse.core.resources.IResource;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IThread;
import org.junit.jupiter.api.Test;
import org.ruedo.core.qemu.CrashReport;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.UnikernelProcess;

/**
 * Stop at the fault (docs/CONTRACTS.md §5.1, §5.2) with real gdb and QEMU: a CPU exception suspends the
 * debug session on the faulting vCPU, whose thread names the reason and whose top frame is the faulting
 * function at the faulting line with its locals readable; the other vCPUs are suspended too. Resume
 * lets the kernel print its crash report and end the run with exit 100, the same report as in Run mode.
 */
class FaultStopTest extends DebugTestBase {
    /** Faults chosen by the kernel command line ({@code -append CASE}); the faulting lines carry a marker. */
    static final String FAULTS = """
            /* deliberate CPU exceptions for the debugger's stop-at-the-fault tests; the case is the command line */
            #include <ruedo.h>

            __attribute__((noinline)) static long read_noncanonical(unsigned long addr)
            {
                volatile long scale = 3;
                return *(volatile long *)addr * scale;          /* GP-LINE */
            }

            __attribute__((noinline)) static void undefined_instruction(int code)
            {
                volatile int seen = code;
                __asm__ volatile("ud2");                        /* UD-LINE */
                (void)seen;
            }

            #pragma GCC diagnostic ignored "-Winfinite-recursion"
            __attribute__((noinline)) static unsigned long recurse(unsigned long depth)
            {
                volatile char frame[512];
                frame[0] = (char)depth;
                return recurse(depth + 1) + frame[0];
            }

            static void overflow(void *arg)
            {
                recurse((unsigned long)arg);
            }

            int main(void)
            {
                const char *c = kernel_cmdline();
                printk("fault case '%s'\\n", c);
                if (strcmp(c, "gp") == 0)
                    read_noncanonical(0x8000000000000000ul);
                if (strcmp(c, "ud") == 0)
                    undefined_instruction(6);
                if (strcmp(c, "overflow") == 0) {
                    thread_join(BeginThread(overflow, (void *)1, 1));
                }
                return 1;
            }
            """;

    private RuedoDebugTarget t;
    private RuedoStackFrame faulting;

    /** kernel/examples/crash: a NULL write in store_answer(). */
    @Test
    void pageFaultInTheCrashExample() throws Exception {
        Files.copy(root().resolve("kernel/examples/crash/main.c"), file("main.c"), StandardCopyOption.REPLACE_EXISTING);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        RuedoStackFrame f = stopsAtTheFault(config(1, false), 1);
        assertEquals("page fault (write to 0x0000000000000000)", reason());
        assertEquals("store_answer", f.frame().func());
        assertEquals(lineOf(file("main.c"), "a->value = 42;"), f.getLineNumber());
        assertEquals("0x0", variable(f.getVariables(), "a").getValue().getValueString());
        resumeGivesTheRunModeReport();
    }

    @Test
    void generalProtectionFault() throws Exception {
        writeMain(FAULTS);
        RuedoStackFrame f = stopsAtTheFault(faultCase("gp", 1), 1);
        assertEquals("general protection fault", reason());
        assertEquals("read_noncanonical", f.frame().func());
        assertEquals(lineOf(file("main.c"), "GP-LINE"), f.getLineNumber());
        assertEquals("3", variable(f.getVariables(), "scale").getValue().getValueString());
        assertEquals("9223372036854775808", variable(f.getVariables(), "addr").getValue().getValueString());
        resumeGivesTheRunModeReport();
    }

    @Test
    void invalidOpcode() throws Exception {
        writeMain(FAULTS);
        RuedoStackFrame f = stopsAtTheFault(faultCase("ud", 1), 1);
        assertEquals("invalid opcode", reason());
        assertEquals("undefined_instruction", f.frame().func());
        assertEquals(lineOf(file("main.c"), "UD-LINE"), f.getLineNumber());
        assertEquals("6", variable(f.getVariables(), "seen").getValue().getValueString());
        resumeGivesTheRunModeReport();
    }

    /**
     * A thread on CPU 1 (of 2) recurses until its stack's guard page: CPU 1 stops, CPU 0 is suspended too.
     * The faulting line is where the recursion touched the guard page; Run mode's report (resolved with
     * addr2line, not gdb) names the same line.
     */
    @Test
    void stackOverflowInAThreadOnCpu1() throws Exception {
        writeMain(FAULTS);
        RuedoStackFrame f = stopsAtTheFault(faultCase("overflow", 2), 2);
        assertTrue(reason().matches("stack overflow in thread [0-9]+"), reason());
        assertEquals("recurse", f.frame().func());
        long depth = Long.parseLong(variable(f.getVariables(), "depth").getValue().getValueString());
        assertTrue(depth > 10, "deep in the recursion: depth " + depth);
        resumeGivesTheRunModeReport();
    }

    private ILaunchConfigurationWorkingCopy faultCase(String name, int cpus) throws Exception {
        ILaunchConfigurationWorkingCopy wc = config(cpus, false);
        wc.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "-append " + name);
        return wc;
    }

    private String reason() {
        return ((StopReason.Fault) t.lastStop().reason()).reason();
    }

    /**
     * Launches in debug mode until the fault stop and checks what the Debug view shows: the faulting vCPU
     * suspended with the reason, the faulting frame on top (no handler frames above it), every other
     * vCPU suspended with a frame, no crash report printed yet.
     */
    private RuedoStackFrame stopsAtTheFault(ILaunchConfigurationWorkingCopy wc, int vcpu) throws Exception {
        t = launch(wc, ILaunchManager.DEBUG_MODE);
        waitFor(() -> t.isSuspended() || t.isTerminated(), 90, "the fault stop");
        assertTrue(t.isSuspended(), "suspended at the fault, serial: " + t.qemu().serialText());
        assertInstanceOf(StopReason.Fault.class, t.lastStop().reason());
        RuedoThread th = stoppedThread(t);
        assertEquals(vcpu, th.id(), "the faulting vCPU");
        assertEquals("Suspended: " + reason(), th.stateLabel());
        assertFalse(t.qemu().serialText().contains("KERNEL PANIC"), "stopped before the report: " + t.qemu().serialText());
        assertTrue(Arrays.stream(th.getStackFrames()).noneMatch(x -> "ruedo_fault_hook".equals(((RuedoStackFrame) x).frame().func())),
                "the handler's frames are not shown above the faulting one");
        for (IThread other : t.getThreads()) {
            assertTrue(other.isSuspended(), other.getName() + " suspended (all-stop)");
            assertNotNull(other.getTopStackFrame(), other.getName() + " shows where it was");
        }
        faulting = (RuedoStackFrame) th.getTopStackFrame();
        // only Resume and Terminate apply at a fault: a step would fault again or run every vCPU into the report
        assertFalse(th.canStepInto() || th.canStepOver() || th.canStepReturn() || faulting.canStepReturn(), "steps disabled at the fault");
        assertTrue(th.canResume() && th.canTerminate());
        return faulting;
    }

    /**
     * Resume: the kernel prints its report and the run ends with exit 100. Then the same configuration in
     * Run mode: the same report (title, CPU, rip, backtrace, reason), and its resolved location is the
     * faulting frame the debugger showed.
     */
    private void resumeGivesTheRunModeReport() throws Exception {
        String reason = reason();
        t.resume();
        waitFor(t::isTerminated, 60, "the crash report after Resume");
        assertEquals(100, t.qemu().process().getExitValue(), t.qemu().serialText());
        CrashReport debugged = CrashReport.find(t.qemu().serialText());
        assertNotNull(debugged, t.qemu().serialText());

        ILaunch run = t.getLaunch().getLaunchConfiguration().launch(ILaunchManager.RUN_MODE, null);
        try {
            waitFor(run::isTerminated, 60, "Run mode");
            UnikernelProcess p = (UnikernelProcess) run.getProcesses()[0];
            assertEquals(100, p.getExitValue());
            CrashReport plain = CrashReport.find(p.serialText());
            assertNotNull(plain, p.serialText());
            assertEquals(plain.title(), debugged.title());
            assertEquals(plain.cpu(), debugged.cpu());
            assertEquals(plain.rip(), debugged.rip());
            assertEquals(plain.function(), debugged.function());
            assertEquals(plain.backtrace(), debugged.backtrace());
            for (CrashReport r : new CrashReport[] { plain, debugged }) {
                assertTrue(("\n" + r.text().replace("\r", "") + "\n").contains("\nreason: " + reason + "\n"), r.text());
            }
            assertEquals(faulting.frame().func(), plain.function());
            String at = p.getAttribute(LaunchConstants.PROC_CRASH_LOCATION);   // "/abs/path/main.c:12", from addr2line
            assertNotNull(at);
            assertEquals("main.c:" + faulting.getLineNumber(), Path.of(at).getFileName().toString(), "Run mode's report names the line shown");
        } finally {
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(run);
        }
    }
}
