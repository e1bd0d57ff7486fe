package org.ruedo.launch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.internal.QemuProcess;

/** The "Unikernel (QEMU)" launch type refusing a launch it cannot make: a clear error, and no QEMU started. */
class LaunchErrorsTest extends RealQemuLaunchTest {
    @Test
    void missingQemuBinaryIsAClearErrorAndStartsNothing() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "no qemu");
        wc.setAttribute(LaunchConstants.ATTR_QEMU, tmp.resolve("qemu-missing").toString());
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("qemu-system-x86"), e.getMessage());
        assertTrue(Workspace.qemusWith("examples/hello/build").isEmpty());
    }

    /** docs/CONTRACTS.md §4: extra arguments may not open a gdbstub or an endpoint off 127.0.0.1 (-s: 0.0.0.0:1234). */
    @Test
    void gdbstubOrOpenEndpointInExtraArgumentsIsRefusedBeforeAnythingStarts() throws Exception {
        Path dir = Workspace.appProject(tmp.resolve("refused-args"), "refusedargs", "int main(void) { return 0; }\n");
        IProject project = Workspace.project("refusedargs", dir);
        String[][] cases = {
                { "-s -S", "QEMU argument '-s' is refused: -s opens a gdbstub on every network interface (0.0.0.0:1234)" },
                { "-name x --s", "QEMU argument '--s' is refused" },
                { "-gdb tcp::1234", "QEMU argument '-gdb' is refused" },
                { "-gdb=tcp:0.0.0.0:1234", "QEMU argument '-gdb=tcp:0.0.0.0:1234' is refused" },
                { "-monitor \"telnet::4444,server,nowait\"", "QEMU argument '-monitor telnet::4444,server,nowait' is refused: "
                        + "its telnet endpoint has no host, so it listens on every network interface" },
                { "-chardev socket,id=c,host=0.0.0.0,port=4444,server=on -serial chardev:c",
                        "its socket endpoint is bound to '0.0.0.0', not to 127.0.0.1" },
        };
        for (String[] c : cases) {       // debug mode: ProjectInputFaultTest (this fragment runs without the debugger)
            ILaunchConfigurationWorkingCopy wc = Workspace.config(project, "refused");
            wc.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, c[0]);
            CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null), c[0]);
            assertTrue(e.getMessage().startsWith("extra QEMU arguments of 'refused': "), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("gdbstub is always bound to 127.0.0.1: use the gdbstub option instead"), e.getMessage());
            assertEquals(java.util.List.of(), Workspace.qemusWith(dir.toString()), "no QEMU for " + dir);
        }
        assertTrue(!java.nio.file.Files.exists(dir.resolve("build/refusedargs.img")), "not even built");
        // the same project with loopback-only extra arguments runs
        ILaunchConfigurationWorkingCopy ok = Workspace.config(project, "loopback monitor");
        ok.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "-monitor telnet:127.0.0.1:" + org.ruedo.core.qemu.QemuCommand.freeLoopbackPort()
                + ",server,nowait");
        launch = ok.launch(ILaunchManager.RUN_MODE, null);
        IProcess p = Workspace.await(launch, 60);
        assertEquals(0, p.getExitValue(), ((QemuProcess) p).errorText());
    }

    @Test
    void missingImageIsAClearError() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "no image");
        wc.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, false);
        wc.setAttribute(LaunchConstants.ATTR_IMAGE, "build/does-not-exist.img");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("image not found"), e.getMessage());
        assertTrue(e.getMessage().contains("does-not-exist.img"), e.getMessage());
        assertTrue(Workspace.qemusWith("does-not-exist.img").isEmpty());
    }

    @Test
    void gdbPortInUseIsAClearError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ILaunchConfigurationWorkingCopy wc = Workspace.config(example("hello"), "busy port");
            wc.setAttribute(LaunchConstants.ATTR_GDBSTUB, true);
            wc.setAttribute(LaunchConstants.ATTR_GDB_PORT, busy.getLocalPort());
            CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
            assertTrue(e.getMessage().contains("port " + busy.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
            assertTrue(Workspace.qemusWith("tcp:127.0.0.1:" + busy.getLocalPort()).isEmpty());
        }
    }

    @Test
    void buildErrorAbortsTheLaunch() throws Exception {
        Path dir = Workspace.appProject(tmp.resolve("broken"), "broken", "int main(void) { return 0 }\n");
        ILaunchConfigurationWorkingCopy wc = Workspace.config(Workspace.project("broken", dir), "broken run");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("build of broken failed"), e.getMessage());
        assertTrue(e.getMessage().contains("main.c:1"), e.getMessage());
    }
}
