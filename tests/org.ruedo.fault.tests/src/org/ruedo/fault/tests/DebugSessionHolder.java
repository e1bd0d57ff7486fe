package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.tests.support.ToolProcesses;

/**
 * The workbench side of {@link ParentDeathTest#workbenchKilledDuringADebugSession}: run by a second test runtime
 * (a child JVM) that the test SIGKILLs. Not a test of its own (its name matches no test pattern); it does
 * nothing unless {@code ruedo.holder} names the directory it works in.
 * <p>
 * It starts a debug session of the spin project in {@code ruedo.holder}/spin from a thread that then ends (as an
 * Eclipse job's worker thread does: Linux's parent-death signal follows the thread that forked), checks that
 * QEMU and gdb outlived that thread, writes their pids to {@code pids}, and waits to be killed.
 */
public class DebugSessionHolder {
    @Test
    void holdADebugSession() throws Exception {
        String dirProp = System.getProperty("ruedo.holder");
        if (dirProp == null) {
            return;
        }
        Path dir = Path.of(dirProp);
        IProject p = Fixtures.project("spin", dir.resolve("spin"));
        AtomicReference<ILaunch> launch = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                launch.set(Fixtures.config(p).launch(ILaunchManager.DEBUG_MODE, null));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "short-lived launcher");
        starter.start();
        starter.join();
        assertFalse(starter.isAlive());
        if (failure.get() != null) {
            throw new AssertionError("debug launch failed", failure.get());
        }
        RuedoDebugTarget t = (RuedoDebugTarget) launch.get().getDebugTarget();
        assertNotNull(t, "a debug target");
        Fixtures.waitFor(() -> t.isSuspended() || t.isTerminated(), 240, "the session stops at main");
        assertTrue(t.isSuspended(), "suspended at main");
        long qemu = t.qemu().pid();
        long gdb = t.gdbProcess().pid();
        // the thread that started them has ended: both are still there
        assertFalse(ToolProcesses.dead(qemu), "QEMU outlived the thread that started it");
        assertFalse(ToolProcesses.dead(gdb), "gdb outlived the thread that started it");
        Path tmp = dir.resolve("pids.tmp");
        Files.writeString(tmp, qemu + " " + gdb + "\n");
        Files.move(tmp, dir.resolve("pids"), StandardCopyOption.ATOMIC_MOVE);
        new CountDownLatch(1).await();      // until SIGKILLed
    }
}
