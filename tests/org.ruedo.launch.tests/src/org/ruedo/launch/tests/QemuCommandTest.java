package org.ruedo.launch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ruedo.core.qemu.GuestExit;
import org.ruedo.core.qemu.QemuCommand;

/** The QEMU argv and the exit-status table of docs/CONTRACTS.md §4. */
class QemuCommandTest {
    @Test
    void argvBindsGdbstubToLoopbackOnly() throws Exception {
        List<String> a = new QemuCommand().image(Path.of("/p/build/x.img")).cpus(2).memory(64).frozen(true).gdbPort(0).build();
        assertEquals("qemu-system-x86_64", a.get(0));
        int g = a.indexOf("-gdb");
        assertTrue(g > 0);
        assertTrue(a.get(g + 1).matches("tcp:127\\.0\\.0\\.1:\\d+"), a.get(g + 1));
        assertFalse(a.contains("-s"), "never -s (it listens on all interfaces)");
        assertTrue(a.contains("-S"));
        assertEquals("2", a.get(a.indexOf("-smp") + 1));
        assertEquals("64", a.get(a.indexOf("-m") + 1));
        assertEquals("/p/build/x.img", a.get(a.indexOf("-kernel") + 1));
        assertTrue(a.contains("isa-debug-exit,iobase=0xf4,iosize=0x04"));
    }

    @Test
    void freePortIsFreeAndInUseIsDetected() throws Exception {
        int port = QemuCommand.freeLoopbackPort();
        assertFalse(QemuCommand.portInUse(port));
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(QemuCommand.portInUse(port));
        }
    }

    @Test
    void pathWithSpacesStaysOneArgument() {
        List<String> a = new QemuCommand().image(Path.of("/tmp/dir with space/ñ.img")).build();
        assertTrue(a.contains("/tmp/dir with space/ñ.img"));
        assertTrue(QemuCommand.display(a).contains("'/tmp/dir with space/ñ.img'"));
    }

    @Test
    void exitStatusTable() {
        assertEquals(GuestExit.Kind.APP_EXIT, GuestExit.decode(3).kind());
        assertEquals(0, GuestExit.decode(3).exitCode());
        assertEquals(5, GuestExit.decode(2 * (1 + 5) + 1).exitCode());
        assertEquals(GuestExit.Kind.PANIC, GuestExit.decode(225).kind());
        assertEquals(100, GuestExit.decode(225).exitCode());
        assertEquals(GuestExit.Kind.RESET, GuestExit.decode(0).kind());
        assertEquals(101, GuestExit.decode(0).exitCode());
        assertEquals(GuestExit.Kind.QEMU_ERROR, GuestExit.decode(1).kind());
        assertEquals(102, GuestExit.decode(1).exitCode());
        assertEquals(103, GuestExit.killed().exitCode());
        // the largest app code, and signals as Process.waitFor() reports them (128+n): never an app exit
        assertEquals(62, GuestExit.decode(2 * (1 + 62) + 1).exitCode());
        assertEquals(GuestExit.Kind.APP_EXIT, GuestExit.decode(127).kind());
        for (int sig : new int[] { 1, 2, 6, 9, 11, 15, 64 }) {
            GuestExit e = GuestExit.decode(128 + sig);
            assertEquals(GuestExit.Kind.KILLED, e.kind(), "status " + (128 + sig));
            assertEquals(sig, e.signal());
            assertEquals(103, e.exitCode());
        }
        assertTrue(GuestExit.decode(137).describe().contains("signal 9 (SIGKILL)"));
        // QEMU catches SIGTERM/SIGINT/SIGHUP, says so on stderr and exits 0: not a guest reset
        GuestExit term = GuestExit.decode(0, "qemu-system-x86_64: terminating on signal 15 from pid 4242 (bash)\n");
        assertEquals(GuestExit.Kind.KILLED, term.kind());
        assertEquals(15, term.signal());
        assertEquals(GuestExit.Kind.RESET, GuestExit.decode(0, "some other warning\n").kind());
        // gdb's kill: QEMU exits 0 after "QEMU: Terminated via GDBstub"
        GuestExit byGdb = GuestExit.decode(0, "QEMU: Terminated via GDBstub\n");
        assertEquals(GuestExit.Kind.KILLED, byGdb.kind());
        assertEquals(103, byGdb.exitCode());
        assertEquals("guest killed from gdb", byGdb.describe());
    }
}
