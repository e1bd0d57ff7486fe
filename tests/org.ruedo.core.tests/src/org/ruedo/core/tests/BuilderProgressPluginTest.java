package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.tests.support.WorkspaceProjects;

/** The Eclipse builder reports compile progress to its monitor, and a cancel in that monitor kills the compilers. */
class BuilderProgressPluginTest {
    @TempDir
    Path tmp;
    private IProject project;

    @AfterEach
    void delete() throws Exception {
        InstanceScope.INSTANCE.getNode("org.ruedo.core").remove("tool.gcc");
        if (project != null && project.exists()) {
            project.delete(true, true, new NullProgressMonitor());
        }
    }

    private IProject importProject(Path dir, String name) throws Exception {
        return WorkspaceProjects.open(name, dir);
    }

    /** Records what the builder tells its monitor. */
    static class RecordingMonitor extends NullProgressMonitor {
        final List<String> subTasks = new CopyOnWriteArrayList<>();
        volatile int worked;

        @Override
        public void subTask(String name) {
            subTasks.add(name);
        }

        @Override
        public void worked(int work) {
            worked += work;
        }

        @Override
        public void internalWorked(double work) {
            worked += (int) Math.round(work);
        }
    }

    @Test
    void compileProgressReachesTheMonitor() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("prog"), "progapp");
        project = importProject(dir, "progapp");
        RecordingMonitor monitor = new RecordingMonitor();
        project.build(IncrementalProjectBuilder.FULL_BUILD, monitor);
        assertTrue(Files.isRegularFile(dir.resolve("build/progapp.img")));
        int units = Fixtures.kernelSourceCount() + 2;      // kernel files + main.c + other.c
        assertTrue(monitor.subTasks.contains("compile " + units + "/" + units), monitor.subTasks.toString());
        assertTrue(monitor.worked > 0, "work reported");
    }

    @Test
    void cancelInTheMonitorKillsTheCompilerAndBuildsNothing() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("k"), true);
        Path dir = TinyKernel.app(tmp.resolve("app"), k, "    return 0;");
        Path pidFile = tmp.resolve("gcc.pids");
        Path slowGcc = tmp.resolve("slow-gcc");
        Files.writeString(slowGcc, "#!/bin/sh\necho $$ >> '" + pidFile + "'\nexec sleep 600\n");
        assertTrue(slowGcc.toFile().setExecutable(true));
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode("org.ruedo.core");
        prefs.put("tool.gcc", slowGcc.toString());
        project = importProject(dir, "cancelapp");
        // the user presses Cancel as soon as a compiler runs
        NullProgressMonitor monitor = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                try {
                    return super.isCanceled() || Files.exists(pidFile) && !Files.readString(pidFile).isBlank();
                } catch (java.io.IOException e) {
                    return false;
                }
            }
        };
        boolean cancelled;
        try {
            project.build(IncrementalProjectBuilder.FULL_BUILD, monitor);
            cancelled = false;
        } catch (OperationCanceledException e) {
            cancelled = true;
        }
        assertTrue(cancelled, "the build ends as cancelled");
        assertFalse(Files.exists(dir.resolve("build/tiny.img")));
        List<Long> pids = Files.readAllLines(pidFile).stream().filter(s -> !s.isBlank()).map(Long::parseLong).toList();
        assertFalse(pids.isEmpty());
        for (long pid : pids) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                try {
                    h.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    h.get().destroyForcibly();
                    throw new AssertionError("compiler " + pid + " still running after the cancelled build");
                }
            }
        }
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("sleep")).orElse(false)).count());
    }
}
