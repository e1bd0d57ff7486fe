package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.internal.QemuProcess;

/** Fault injection against the real tools: leaks, dying peers, bad images, busy ports, odd paths, bad manifests. */
class FaultTest {
    @TempDir
    Path tmp;
    private ILaunch launch;

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        org.eclipse.core.runtime.jobs.Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, null);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(false, true, null);
        }
    }

    static Path kernel() {
        Path p = Path.of(System.getProperty("ruedo.root", "")).toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("kernel/kernel.toml"))) {
            p = p.getParent();
        }
        return p.resolve("kernel");
    }

    static void waitFor(BooleanSupplier c, int seconds, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static Path app(Path dir, String name, String kernelDir, String mainC) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"" + name + "\"\nkernel = \"" + kernelDir
                + "\"\n[app]\nsources = [\"*.c\"]\n");
        Files.writeString(dir.resolve("main.c"), mainC);
        return dir;
    }

    static IProject project(String name, Path dir) throws CoreException {
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        IProject p = ws.getRoot().getProject(name);
        IProjectDescription d = ws.newProjectDescription(name);
        d.setLocation(IPath.fromPath(dir));
        p.create(d, null);
        p.open(null);
        RuedoProjects.addNature(p, null);
        return p;
    }

    static ILaunchConfigurationWorkingCopy config(IProject p) throws CoreException {
        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = t.newInstance(null, p.getName() + "-cfg");
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, p.getName());
        return wc;
    }

    static long qemusWith(String fragment) {
        return ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                .map(c -> c.contains("qemu-system-x86_64") && c.contains(fragment)).orElse(false)).count();
    }

    static Set<String> ruedoThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ruedo-")).collect(Collectors.toSet());
    }

    private static final String SPIN = "#include <ruedo.h>\nint main(void)\n{\n    printk(\"spinning\\n\");\n    for (;;)\n        thread_sleep(20);\n}\n";

    @Test
    void hundredLaunchTerminateCyclesLeaveNothingBehind() throws Exception {
        Path dir = app(tmp.resolve("cycles"), "cycles", kernel().toString(), SPIN);
        IProject p = project("cycles", dir);
        ILaunchConfigurationWorkingCopy wc = config(p);
        ILaunch first = wc.launch(ILaunchManager.RUN_MODE, null);   // builds once
        first.terminate();
        waitFor(first::isTerminated, 20, "first terminate");
        wc.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, false);
        Thread.sleep(200);
        int threadsBefore = ruedoThreads().size();
        for (int i = 0; i < 100; i++) {
            launch = wc.launch(ILaunchManager.RUN_MODE, null);
            QemuProcess q = (QemuProcess) launch.getProcesses()[0];
            long pid = q.osProcess().pid();
            waitFor(() -> q.serialText().contains("Ruedo kernel booting"), 20, "boot " + i);
            launch.terminate();
            waitFor(launch::isTerminated, 20, "terminate " + i);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU " + pid + " of cycle " + i);
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
        assertEquals(0, qemusWith(dir.toString()), "no QEMU of this project left");
        waitFor(() -> ruedoThreads().size() <= threadsBefore, 10, "pump/wait threads to end: " + ruedoThreads());
    }

    @Test
    void qemuKilledMidDebugSessionEndsItCleanly() throws Exception {
        Path dir = app(tmp.resolve("qk"), "qk", kernel().toString(), SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("qk", dir));
        launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
        waitFor(t::isSuspended, 60, "stop at main");
        long gdbPid = t.gdbProcess().pid();
        ProcessHandle.of(t.qemu().pid()).ifPresent(ProcessHandle::destroyForcibly);
        waitFor(t::isTerminated, 20, "session ends");
        waitFor(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false), 20, "gdb gone");
        waitFor(launch::isTerminated, 20, "launch ends");
    }

    @Test
    void gdbKilledMidDebugSessionEndsItWithAMessage() throws Exception {
        Path dir = app(tmp.resolve("gk"), "gk", kernel().toString(), SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("gk", dir));
        launch = wc.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget t = (RuedoDebugTarget) launch.getDebugTarget();
        waitFor(t::isSuspended, 60, "stop at main");
        t.resume();
        waitFor(() -> !t.isSuspended(), 10, "running");
        long qemuPid = t.qemu().pid();
        t.gdbProcess().destroyForcibly();
        waitFor(t::isTerminated, 20, "session ends");
        assertTrue(t.terminationMessage().contains("gdb"), t.terminationMessage());
        waitFor(() -> !ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), 20, "QEMU gone");
    }

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
                    return 0;
                }
                """);
        launch = config(project("tf", dir)).launch(ILaunchManager.RUN_MODE, null);
        waitFor(launch::isTerminated, 30, "triple-faulted guest to end");
        IProcess p = launch.getProcesses()[0];
        assertEquals(101, p.getExitValue(), "guest reset (triple fault)");
        assertEquals("0", p.getAttribute(LaunchConstants.PROC_QEMU_STATUS));
        assertTrue(((QemuProcess) p).errorText().contains("triple fault"), ((QemuProcess) p).errorText());
    }

    @Test
    void busyGdbstubPortInDebugModeIsAClearError() throws Exception {
        Path dir = app(tmp.resolve("bp"), "bp", kernel().toString(), SPIN);
        ILaunchConfigurationWorkingCopy wc = config(project("bp", dir));
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            wc.setAttribute(LaunchConstants.ATTR_GDB_PORT, busy.getLocalPort());
            CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.DEBUG_MODE, null));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
            assertEquals(0, qemusWith(dir.toString()));
            assertEquals(0, ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                    .map(c -> c.contains("-i=mi2") && c.contains(dir.toString())).orElse(false)).count(), "no gdb");
        }
    }

    @Test
    void pathsWithSpacesAndNonAsciiCharacters() throws Exception {
        Path root = tmp.resolve("dir with spaces/ñandú árbol");
        copy(kernel(), root.resolve("ker nel"));
        Path dir = app(root.resolve("my app"), "spaced", "../ker nel", "#include <ruedo.h>\n#include \"my header.h\"\nint main(void)\n{\n    printk(\"%s\\n\", GREETING);\n    return 7;\n}\n");
        Files.writeString(dir.resolve("my header.h"), "#define GREETING \"hola, ñandú\"\n");
        BuildResult r = new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
        assertTrue(r.success(), () -> r.problems().toString());
        // dependency tracking through a path with spaces: touching the header rebuilds main.c only
        Files.setLastModifiedTime(dir.resolve("my header.h"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        BuildResult r2 = new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
        assertEquals(java.util.List.of(dir.resolve("main.c")), r2.compiled());
        launch = config(project("spaced", dir)).launch(ILaunchManager.RUN_MODE, null);
        waitFor(launch::isTerminated, 60, "run");
        QemuProcess q = (QemuProcess) launch.getProcesses()[0];
        assertTrue(q.serialText().contains("hola, ñandú"), q.serialText());
        assertEquals(7, q.getExitValue());
    }

    @Test
    void badManifestValuesAreClearErrorsAndBuildNothing() throws Exception {
        Path dir = app(tmp.resolve("bad"), "bad", kernel().toString(), SPIN);
        String good = Files.readString(dir.resolve("unikernel.toml"));
        String[][] cases = {
                { "[run]\nmemory = 8\n", "unikernel.toml:7: 'memory' = 8 is out of range 16..4096" },
                { "[run]\ncpus = \"two\"\n", "unikernel.toml:7: 'cpus' must be an integer" },
                { "[run]\nsmp = 2\n", "unikernel.toml:7: unknown key 'smp'" },
                { "[app]\ncflags = \"-O2\"\n", "unikernel.toml:6: 'cflags' must be an array" },
        };
        for (String[] c : cases) {
            String text = c[0].startsWith("[app]") ? good.replace("[app]\nsources = [\"*.c\"]\n", "") + "[app]\nsources = [\"*.c\"]\ncflags = \"-O2\"\n"
                    : good + c[0];
            Files.writeString(dir.resolve("unikernel.toml"), text);
            ManifestException e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage() + " / expected " + c[1]);
        }
        IProject p = project("bad", dir);
        CoreException e = assertThrows(CoreException.class, () -> config(p).launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("unikernel.toml:"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("build/bad.img")));
        assertNotNull(e.getStatus());
    }

    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (d.getFileName().toString().equals("build")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
