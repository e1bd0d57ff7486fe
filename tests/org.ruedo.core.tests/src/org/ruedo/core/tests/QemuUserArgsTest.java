package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.QemuCommand;

/**
 * docs/CONTRACTS.md §4: the gdbstub is only ever bound to 127.0.0.1, so user QEMU arguments may not open
 * one ({@code -s}, {@code -gdb}) nor a tcp/telnet/udp/socket endpoint off 127.0.0.1, in any spelling.
 */
class QemuUserArgsTest {
    @TempDir
    Path dir;

    private static void refused(int index, String expectedInMessage, String... args) {
        QemuCommand.ArgProblem p = QemuCommand.checkUserArgs(List.of(args));
        assertNotNull(p, "refused: " + List.of(args));
        assertEquals(index, p.index(), "index of the offending argument in " + List.of(args) + ": " + p.message());
        assertTrue(p.message().contains(expectedInMessage), p.message());
        assertTrue(p.message().contains("127.0.0.1") && p.message().contains("gdbstub option"), "says what to use instead: "
                + p.message());
        assertEquals(p.message(), QemuCommand.userArgsError(List.of(args)));
    }

    private static void allowed(String... args) {
        assertNull(QemuCommand.userArgsError(List.of(args)), "allowed: " + List.of(args));
    }

    @Test
    void gdbstubOptionsAreRefusedInEverySpelling() {
        refused(0, "'-s' is refused", "-s");
        refused(0, "'-s' is refused", "-s", "-S");
        refused(2, "'--s' is refused", "-cpu", "max", "--s");
        refused(0, "'-s=1' is refused", "-s=1");
        refused(0, "'-gdb' is refused", "-gdb", "tcp::1234");
        refused(0, "'-gdb' is refused", "-gdb", "tcp:127.0.0.1:1234");    // even on loopback: the gdbstub is Ruedo's
        refused(0, "'--gdb' is refused", "--gdb", "tcp:0.0.0.0:1234");
        refused(0, "'-gdb=tcp::1234' is refused", "-gdb=tcp::1234");
        refused(0, "'--gdb=unix:/tmp/g' is refused", "--gdb=unix:/tmp/g");
        refused(2, "'-gdb' is refused", "-name", "x", "-gdb");
        assertTrue(QemuCommand.userArgsError(List.of("-s")).contains("0.0.0.0:1234"), "says why -s is dangerous");
    }

    @Test
    void endpointsOffLoopbackAreRefused() {
        refused(1, "has no host, so it listens on every network interface", "-serial", "tcp::4444,server");
        refused(1, "bound to '0.0.0.0'", "-serial", "tcp:0.0.0.0:4444,server=on,wait=off");
        refused(1, "bound to '192.168.1.5'", "-monitor", "telnet:192.168.1.5:4444,server,nowait");
        refused(1, "telnet endpoint has no host", "-monitor", "telnet::4444,server,nowait");
        refused(1, "has no host", "--monitor", "TCP::4444,server");
        refused(0, "has no host", "-monitor=tcp::4444,server");
        refused(1, "has no host", "-qmp", "tcp::4444,server,wait=off");
        refused(1, "bound to '[::]'", "-qmp", "tcp:[::]:4444,server");
        refused(1, "has no host", "-serial", "mon:telnet::4444,server");
        refused(1, "has no host", "-serial", "udp::4555");
        refused(1, "udp local endpoint has no host", "-serial", "udp:127.0.0.1:4555@:4556");
        refused(1, "bound to '10.0.0.1'", "-serial", "udp:127.0.0.1:4555@10.0.0.1:4556");
        refused(1, "has no host", "-debugcon", "tcp::4444,server");
        refused(1, "has no host", "-parallel", "websocket::5700,server");
        refused(1, "socket endpoint has no host", "-chardev", "socket,id=c0,port=4444,server=on,wait=off");
        refused(1, "bound to '0.0.0.0'", "-chardev", "socket,id=c0,host=0.0.0.0,port=4444,server=on");
        refused(1, "socket endpoint has no host", "-chardev", "socket,id=c0,host=,port=4444,server=on");
        refused(0, "bound to 'example.org'", "--chardev=socket,id=c0,host=example.org,port=4444");
        refused(1, "udp endpoint has no host", "-chardev", "udp,id=u,port=4555");
        refused(1, "udp local endpoint has no host", "-chardev", "udp,id=u,host=localhost,port=4555,localport=4556");
        refused(3, "bound to '0.0.0.0'", "-cpu", "max", "-chardev", "socket,id=c,host=0.0.0.0,port=1", "-serial", "chardev:c");
        // QEMU's own listeners: VNC, migration, port forwards, socket netdevs, SPICE
        refused(1, "VNC endpoint has no host", "-vnc", ":7");
        refused(1, "VNC endpoint is bound to '0.0.0.0'", "-vnc", "0.0.0.0:1,password=off");
        refused(1, "VNC endpoint has no host", "-display", "vnc=:2");
        refused(1, "migration tcp endpoint is bound to '0'", "-incoming", "tcp:0:4446");
        refused(1, "migration tcp endpoint has no host", "-incoming", "tcp::4446");
        refused(1, "port forward endpoint has no host", "-netdev", "user,id=n0,hostfwd=tcp::5555-:22");
        refused(1, "port forward endpoint has no host", "-nic", "user,hostfwd=tcp:127.0.0.1:1-:2,hostfwd=udp::5556-:53");
        refused(1, "port forward endpoint is bound to '0.0.0.0'", "-net", "user,hostfwd=tcp:0.0.0.0:5555-:22");
        refused(1, "socket netdev listen endpoint has no host", "-netdev", "socket,id=s,listen=:1234");
        refused(1, "SPICE endpoint has no host", "-spice", "port=5930,disable-ticketing=on");
    }

    /** Issue 12: {@code -smp}/{@code -m} would override the checked --cpus/--mem ({@code -m 1}: a guest that hangs silently). */
    @Test
    void cpuCountAndMemoryOverridesAreRefused() throws Exception {
        String[][] cases = {
                { "0", "QEMU argument '-smp 4' is refused: the CPU count comes from --cpus, [run] cpus or the launch's CPUs field "
                        + "(1..8, checked there); a -smp among the QEMU arguments would override it unchecked", "-smp", "4" },
                { "0", "QEMU argument '-m 1' is refused: the guest memory comes from --mem, [run] memory or the launch's Memory field "
                        + "(16..4096 MiB, checked there); a -m among the QEMU arguments would override it unchecked", "-m", "1" },
                { "2", "QEMU argument '--smp=2,cores=2' is refused: the CPU count comes from", "-cpu", "max", "--smp=2,cores=2" },
                { "1", "QEMU argument '-m=size=64M' is refused: the guest memory comes from", "-S", "-m=size=64M" },
                { "0", "QEMU argument '-m' is refused: the guest memory comes from", "-m" },
        };
        for (String[] c : cases) {
            List<String> args = List.of(c).subList(2, c.length);
            QemuCommand.ArgProblem p = QemuCommand.checkUserArgs(args);
            assertNotNull(p, "refused: " + args);
            assertEquals(Integer.parseInt(c[0]), p.index(), args.toString());
            assertTrue(p.message().startsWith(c[1]), p.message());
        }
        // in the manifest: at the element's line
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"" + Fixtures.kernel() + "\"\n"
                + "[run]\ncpus = 2\nqemu-args = [\"-name\", \"g\",\n  \"-smp\", \"4\"]\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unikernel.toml:7: qemu-args: QEMU argument '-smp 4' is refused: the CPU count comes from "
                + "--cpus, [run] cpus"), e.getMessage());
    }

    @Test
    void loopbackEndpointsAndEverythingElseAreAllowed() {
        allowed();
        allowed("-S");                      // frozen CPUs, no gdbstub
        allowed("-cpu", "max", "-machine", "q35");
        allowed("-serial", "tcp:127.0.0.1:4444,server=on,wait=off");
        allowed("-monitor", "telnet:localhost:4444,server,nowait");
        allowed("-qmp", "tcp:LOCALHOST:4444,server");
        allowed("-serial", "mon:tcp:127.0.0.1:4444,server");
        allowed("-serial", "udp:127.0.0.1:4555@127.0.0.1:4556");
        allowed("-monitor", "unix:/tmp/mon.sock,server,nowait");
        allowed("-qmp", "stdio", "-monitor", "none", "-serial", "file:/tmp/serial.log", "-serial", "chardev:c0");
        allowed("-chardev", "socket,id=c0,host=127.0.0.1,port=4444,server=on");
        allowed("-chardev", "socket,id=c0,path=/tmp/c0.sock,server=on");
        allowed("-chardev", "udp,id=u,host=127.0.0.1,port=4555,localaddr=127.0.0.1,localport=4556");
        allowed("-chardev", "file,id=f,path=/tmp/tcp::4444");
        allowed("-append", "-s", "-name", "--gdb");     // values of free-text options, not options
        allowed("-sandbox", "on", "-smpx", "1", "-snapshot", "-mem-prealloc");
        allowed("-gdbx");
        allowed("-vnc", "127.0.0.1:7", "-vnc", "localhost:1,password=off", "-vnc", "none", "-vnc", "unix:/tmp/v.sock");
        allowed("-display", "none", "-display", "vnc=127.0.0.1:2");
        allowed("-incoming", "tcp:127.0.0.1:4446", "-incoming", "defer", "-incoming", "unix:/tmp/mig.sock");
        allowed("-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:5555-:22,guestfwd=tcp:10.0.2.100:1234-cmd:cat");
        allowed("-netdev", "socket,id=s,listen=127.0.0.1:1234", "-nic", "user");
        allowed("-spice", "port=5930,addr=127.0.0.1", "-spice", "unix=on,addr=/tmp/spice.sock");
    }

    @Test
    void extraArgsRefusesWhatTheCheckRefuses() {
        QemuCommand qc = new QemuCommand().image(Path.of("/p/build/x.img"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qc.extraArgs(List.of("-cpu", "max", "-s")));
        assertTrue(e.getMessage().contains("'-s' is refused"), e.getMessage());
        assertTrue(!qc.build().contains("-s") && !qc.build().contains("max"), "nothing of a refused list is kept: " + qc.build());
    }

    @Test
    void manifestQemuArgsAreRefusedAtTheElementsLine() throws Exception {
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"" + Fixtures.kernel() + "\"\n"
                + "[run]\nqemu-args = [\n    \"-cpu\", \"max\",\n    \"-gdb\",\n    \"tcp::1234\",\n]\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
        assertEquals(7, e.line(), e.getMessage());
        assertEquals("unikernel.toml:7: qemu-args: QEMU argument '-gdb' is refused: -gdb opens a gdbstub Ruedo does not control. Ruedo's gdbstub is always bound to 127.0.0.1: use the gdbstub option instead (ruedo debug --port P; in a launch configuration, the Debugger tab's gdbstub port)", e.getMessage());

        // the value is what is wrong: its line
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"" + Fixtures.kernel() + "\"\n"
                + "[run]\nqemu-args = [\"-serial\",\n  \"tcp::4444,server\"]\n");
        e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unikernel.toml:6: qemu-args: QEMU argument '-serial tcp::4444,server' is refused: "
                + "its tcp endpoint has no host"), e.getMessage());

        // one line
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"" + Fixtures.kernel() + "\"\n"
                + "[run]\ncpus = 2\nqemu-args = [\"-s\", \"-S\"]\n");
        e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir));
        assertTrue(e.getMessage().startsWith("unikernel.toml:6: qemu-args: QEMU argument '-s' is refused: -s opens a gdbstub"),
                e.getMessage());

        // loopback endpoints load
        Files.writeString(dir.resolve("unikernel.toml"), "[project]\nname = \"x\"\nkernel = \"" + Fixtures.kernel() + "\"\n"
                + "[run]\nqemu-args = [\"-monitor\", \"telnet:127.0.0.1:4444,server,nowait\"]\n");
        assertEquals(List.of("-monitor", "telnet:127.0.0.1:4444,server,nowait"), ProjectManifest.load(dir).qemuArgs());
    }
}
