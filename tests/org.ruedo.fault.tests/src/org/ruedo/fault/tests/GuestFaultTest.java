package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.fault.tests.Fixtures.app;
import static org.ruedo.fault.tests.Fixtures.config;
import static org.ruedo.fault.tests.Fixtures.kernel;
import static org.ruedo.fault.tests.Fixtures.project;
import static org.ruedo.fault.tests.Fixtures.waitFor;

import java.nio.file.Path;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.UnikernelProcess;

/** A guest the kernel cannot report on (it triple-faults): the launch ends as a reset, code 101 (CONTRACTS.md §4). */
class GuestFaultTest extends FaultTestBase {
    @Test
    void tripleFaultEndsTheRunAsAReset() throws Exception {
        Path dir = app(tmp.resolve("tf"), "tf", kernel().toString(), """
                #include <ruedo.h>
                struct __attribute__((packed)) idtr { unsigned short limit; unsigned long base; };
                int main(void)
                {
                    struct idtr none = { 0, 0 };
                    printk("loading an empty IDT, then int3\\n");
                    __asm__ volatile("lidt %0; int3" : : "m"(none));
                    printk("still alive after int3\\n");
                    return 0;
                }
                """);
        ILaunch launch = config(project("tf", dir)).launch(ILaunchManager.RUN_MODE, null);
        UnikernelProcess q = (UnikernelProcess) launch.getProcesses()[0];
        waitFor(launch::isTerminated, 30, "triple-faulted guest to end; serial so far: " + q.serialText());
        assertTrue(q.serialText().contains("loading an empty IDT"), q.serialText());
        assertFalse(q.serialText().contains("still alive"), q.serialText());
        assertEquals("0", q.getAttribute(LaunchConstants.PROC_QEMU_STATUS), "QEMU -no-reboot exits 0 on a reset");
        assertEquals(101, q.getExitValue(), "guest reset (triple fault)");
        assertTrue(q.errorText().contains("triple fault"), q.errorText());
        assertNull(q.getAttribute(LaunchConstants.PROC_CRASH_REPORT), "no crash report to show: the kernel never ran its handler");
    }
}
