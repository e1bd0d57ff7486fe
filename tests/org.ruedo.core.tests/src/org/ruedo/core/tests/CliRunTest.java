package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.core.tests.Cli.ruedo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code ruedo run} in-process against the shipped examples (copied, their kernel pointed at the
 * repository's kernel/): real gcc, real QEMU. No QEMU or gdb is left running. {@code ruedo debug}: CliDebugTest.
 */
class CliRunTest extends CliExampleTestBase {
    @Test
    void crashExitsHundredWithTheReportResolvedToTheFaultingLine() throws Exception {
        Path dir = example("crash");
        Cli r = ruedo("run", dir.toString(), "--timeout", "120");
        assertEquals(100, r.code(), r.all());
        assertTrue(r.out().contains("*** KERNEL PANIC on CPU 0: Page fault (#PF, vector 14)"), "the serial report: " + r.out());
        assertTrue(r.out().contains("<store_answer+0x"), "rip named by the kernel's symbol table: " + r.out());
        assertTrue(r.out().contains("*** END OF CRASH REPORT"), r.out());
        // main.c line 8 is "a->value = 42;"
        assertEquals("    a->value = 42;", Files.readAllLines(dir.resolve("main.c")).get(7));
        assertTrue(r.err().contains("ruedo: kernel crash on CPU 0: Page fault (#PF, vector 14) in store_answer at "
                + dir.resolve("main.c") + ":8"), "the summary resolved with addr2line: " + r.err());
        assertTrue(r.err().contains("exit code 100"), r.err());
        assertFalse(r.out().contains("not reached"), r.out());
    }

    @Test
    void cpusAndMemReachQemuAndTheGuest() throws Exception {
        Path dir = example("hello");
        Cli r = ruedo("run", dir.toString(), "--cpus", "2", "--mem", "64", "--timeout", "120");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains(" -m 64 -smp 2 -kernel " + dir.resolve("build/hello.img")), "the QEMU command line: " + r.err());
        assertTrue(r.out().contains("running on CPU 0 of 2"), "the guest's cpu_count(): " + r.out());
        Matcher free = Pattern.compile("Ruedo: 2 CPU\\(s\\), (\\d+) MiB free").matcher(r.out());
        assertTrue(free.find(), r.out());
        int mib = Integer.parseInt(free.group(1));
        assertTrue(mib > 0 && mib < 64, "the guest has less than 64 MiB free: " + mib);

        // the manifest's values apply without the options (hello: 1 CPU, 128 MiB)
        Cli d = ruedo("run", dir.toString(), "--timeout", "120");
        assertEquals(0, d.code(), d.all());
        assertTrue(d.err().contains(" -m 128 -smp 1 "), d.err());
        assertTrue(d.out().contains("running on CPU 0 of 1"), d.out());
    }

    /** docs/CONTRACTS.md §4: {@code ruedo run hello -- -s -S} would make QEMU listen on 0.0.0.0:1234. */
    @Test
    void runRefusesQemuArgumentsThatOpenAGdbstubOrAnEndpointOffLoopback() throws Exception {
        Path dir = tmp.resolve("gdbargs");
        Fixtures.appProject(dir, "gdbargs");
        String gdbstub = "Ruedo's gdbstub is always bound to 127.0.0.1: use the gdbstub option instead (ruedo debug --port P; in a launch configuration, the Debugger tab's gdbstub port)";
        String bind = "bind it to 127.0.0.1 (e.g. tcp:127.0.0.1:4444,server=on,wait=off; -vnc 127.0.0.1:0; hostfwd=tcp:127.0.0.1:5555-:22). For a debugger, ";
        String s = "-s opens a gdbstub on every network interface (0.0.0.0:1234). ";
        String gdb = "-gdb opens a gdbstub Ruedo does not control. ";
        String[][] cases = {       // the QEMU arguments, then the message ruedo prints
                { "QEMU argument '-s' is refused: " + s + gdbstub, "-s", "-S" },
                { "QEMU argument '--s' is refused: " + s + gdbstub, "--s" },
                { "QEMU argument '-gdb' is refused: " + gdb + gdbstub, "-gdb", "tcp::1234" },
                { "QEMU argument '--gdb=tcp:0.0.0.0:1234' is refused: " + gdb + gdbstub, "--gdb=tcp:0.0.0.0:1234" },
                { "QEMU argument '-serial tcp::4444,server' is refused: its tcp endpoint has no host, so it listens on every "
                        + "network interface; " + bind + gdbstub, "-cpu", "max", "-serial", "tcp::4444,server" },
                { "QEMU argument '-monitor telnet:0.0.0.0:4444,server,nowait' is refused: its telnet endpoint is bound to '0.0.0.0', "
                        + "not to 127.0.0.1; " + bind + gdbstub, "-monitor", "telnet:0.0.0.0:4444,server,nowait" },
                { "QEMU argument '-chardev socket,id=c,port=4444,server=on' is refused: its socket endpoint has no host, so it "
                        + "listens on every network interface; " + bind + gdbstub, "-chardev", "socket,id=c,port=4444,server=on",
                        "-serial", "chardev:c" },
                // issue 12: after --cpus/--mem, a -smp/-m would override them unchecked (-m 1: a guest that hangs silently)
                { "QEMU argument '-smp 4' is refused: the CPU count comes from --cpus, [run] cpus or the launch's CPUs field (1..8, "
                        + "checked there); a -smp among the QEMU arguments would override it unchecked", "-smp", "4" },
                { "QEMU argument '-m 1' is refused: the guest memory comes from --mem, [run] memory or the launch's Memory field "
                        + "(16..4096 MiB, checked there); a -m among the QEMU arguments would override it unchecked", "-m", "1" },
        };
        for (String[] c : cases) {
            List<String> qemuArgs = List.of(c).subList(1, c.length);
            List<String> argv = new java.util.ArrayList<>(List.of("run", dir.toString(), "--cpus", "2", "--mem", "64", "--timeout", "30", "--"));
            argv.addAll(qemuArgs);
            Cli r = ruedo(argv.toArray(String[]::new));
            assertEquals(2, r.code(), r.all());
            assertEquals("ruedo run: error: " + c[0] + "\n", r.err());
            assertEquals("", r.out());
            assertEquals(List.of(), leftovers(), "no QEMU started");
        }
        assertTrue(ruedo("run", dir.toString(), "--", "-s").err().contains("QEMU argument '-s' is refused: -s opens a gdbstub on every "
                + "network interface (0.0.0.0:1234)"));
        assertFalse(Files.exists(dir.resolve("build")), "nothing built, no QEMU started");

        // the manifest's [run] qemu-args: file:line, for run and debug alike
        Path toml = dir.resolve("unikernel.toml");
        Files.writeString(toml, Files.readString(toml) + "[run]\nqemu-args = [\"-s\"]\n");
        int line = (int) Files.readString(toml).lines().count();
        for (String cmd : List.of("run", "debug")) {
            Cli r = ruedo(cmd, dir.toString());
            assertEquals(2, r.code(), r.all());
            assertEquals("ruedo " + cmd + ": error: unikernel.toml:" + line + ": qemu-args: QEMU argument '-s' is refused: " + s + gdbstub
                    + "\n", r.err());
        }
        assertFalse(Files.exists(dir.resolve("build")), "nothing built, no QEMU started");
    }

    @Test
    void helpListsEveryOption() {
        Cli top = ruedo("--help");
        assertEquals(0, top.code(), top.all());
        for (String o : List.of("build <project-dir> [--clean] [--jobs N] [--quiet]",
                "run   <project-dir> [--cpus N] [--mem MiB] [--timeout S] [--verbose] [-- qemu-args]",
                "debug <project-dir> [--cpus N] [--port P]", "-j (--jobs), -q (--quiet), -v (--verbose), -h (--help)")) {
            assertTrue(top.out().contains(o), o + " in: " + top.out());
        }
        Cli run = ruedo("run", "--help");
        assertEquals(0, run.code(), run.all());
        for (String o : List.of("--cpus N", "--mem MiB", "--timeout S", "--verbose", "-- qemu-args")) {
            assertTrue(run.out().contains("\n  " + o + " "), o + " in: " + run.out());
        }
        Cli debug = ruedo("debug", "-h");
        assertEquals(0, debug.code(), debug.all());
        assertTrue(debug.out().contains("\n  --cpus N ") && debug.out().contains("\n  --port P "), debug.out());
    }
}
