package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.ui.console.TextConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.UnikernelProcess;

/** Run As &gt; Unikernel in the workbench with the real QEMU: offered only for unikernel projects, the output and one plain exit line in the console, the command line QEMU really runs. */
class RunAsTest {
    private IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.newUserInUnikernelPerspective();
    }

    @AfterEach
    void tearDown() throws Exception {
        UiFixtures.cleanUp(project);
    }

    @Test
    void runAsUnikernelShowsTheOutputInTheConsole() throws Exception {
        // a project without the Ruedo nature is not offered Run As > Unikernel
        IProject plain = org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot().getProject("plainproj");
        if (!plain.exists()) {
            plain.create(null);
        }
        plain.open(null);
        try {
            List<String> offered = UiFixtures.launchMenuLabels(plain, "Run As");
            // the submenu was filled (an empty one would pass the next check for nothing), without Unikernel
            assertTrue(offered.contains("Run Configurations..."), "Run As for a plain project: " + offered);
            assertFalse(offered.contains("Unikernel"), "Run As > Unikernel on a project without the Ruedo nature: " + offered);
        } finally {
            plain.delete(true, true, null);
        }
        project = UiFixtures.newProject("rundemo");
        // what QEMU really runs, read from /proc while it runs (an oracle independent of the console's text)
        List<String> cmdline = new CopyOnWriteArrayList<>();
        IDebugEventSetListener started = events -> {
            for (DebugEvent ev : events) {
                if (ev.getKind() == DebugEvent.CREATE && ev.getSource() instanceof UnikernelProcess up && cmdline.isEmpty()) {
                    try {
                        byte[] raw = Files.readAllBytes(Path.of("/proc/" + up.osProcess().pid() + "/cmdline"));
                        cmdline.addAll(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
                    } catch (java.io.IOException e) {
                        cmdline.add("<QEMU gone before /proc was read: " + e + ">");
                    }
                }
            }
        };
        DebugPlugin.getDefault().addDebugEventListener(started);
        try {
            UiFixtures.launchFromProjectExplorer(project, "Run As");
            ILaunch l = UiFixtures.launchOf(project);
            Finder.waitUntil(() -> UiFixtures.consoleFor("rundemo") != null, 60, "a console for the launch");
            TextConsole console = UiFixtures.consoleFor("rundemo");
            Finder.waitUntil(() -> console.getDocument().get().contains("hello from Ruedo"), 60, "the sample's output");
            Finder.waitUntil(() -> console.getDocument().get().contains("ruedo: guest exited with code 0\n"), 60, "the exit report");
            Finder.waitUntil(l::isTerminated, 30, "terminated");
            String text = console.getDocument().get();
            assertEquals(1, text.split("exited with code 0", -1).length - 1, "the exit is reported once: " + text);
            assertFalse(text.contains("(exit code"), "no second exit code: " + text);
            // a normal exit is not an error: on the output stream, not the (red) error stream
            UnikernelProcess qemu = (UnikernelProcess) l.getProcesses()[0];
            assertTrue(qemu.serialText().contains("ruedo: guest exited with code 0\n"), qemu.serialText());
            assertFalse(qemu.errorText().contains("exited"), "nothing about the exit on the error stream: " + qemu.errorText());
            // the command line shown first is the one QEMU runs
            assertTrue(cmdline.size() > 3 && cmdline.get(0).endsWith("qemu-system-x86_64"), "QEMU's /proc cmdline: " + cmdline);
            String shown = text.lines().findFirst().orElse("");
            for (String arg : cmdline) {
                assertTrue(shown.contains(arg), "'" + arg + "' of QEMU's real command line is shown: " + shown);
            }
            assertTrue(cmdline.containsAll(List.of("-serial", "stdio")), "serial on stdio: " + cmdline);
            assertEquals(0, l.getProcesses()[0].getExitValue());
            assertEquals(0, UiFixtures.live("rundemo.img"), "QEMU gone after the guest exited");
        } finally {
            DebugPlugin.getDefault().removeDebugEventListener(started);
        }
    }
}
