package org.ruedo.reverse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.tests.support.ToolProcesses;

/**
 * {@code ruedo run --record}, then {@code ruedo debug --replay} and the gdb command it prints, driven in
 * batch: {@code continue} stops at the fault hook, {@code reverse-stepi} goes back one instruction, which
 * is the {@code call} that entered the hook (the return address on the stack minus the 5 bytes of a
 * {@code call rel32}, and objdump says it calls {@code ruedo_fault_hook}). Also the refusals: more than
 * one CPU, and a recording made from an image that has been rebuilt.
 */
class CliReplayTest {
    @TempDir
    Path tmp;
    private ToolProcesses tools;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void record() {
        tools = ToolProcesses.record();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        tools.assertNoneLeft();
    }

    private Process ruedo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ReplayFixture.root().resolve("ruedo").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        started.add(p);
        return p;
    }

    private static String all(Process p, int seconds) throws Exception {
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "process ended");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void recordThenReplayReverseStepiGoesToThePreviousInstruction() throws Exception {
        Path dir = ReplayFixture.lostConfig(tmp.resolve("app"));
        Process run = ruedo("run", dir.toString(), "--record");
        String out = all(run, 600);
        assertEquals(100, run.exitValue(), out);
        Path rec = dir.resolve("build/lostconfig.replay");
        assertTrue(out.contains("recorded into " + rec), out);
        assertTrue(out.contains("recorded: Debug the recording to step back from the crash"), out);

        Process dbg = ruedo("debug", dir.toString(), "--replay");
        BufferedReader r = new BufferedReader(new InputStreamReader(dbg.getInputStream(), StandardCharsets.UTF_8));
        String gdbLine = r.readLine();
        assertTrue(gdbLine != null && gdbLine.contains("target remote 127.0.0.1:"), "gdb command line: " + gdbLine);
        List<String> gdb = new ArrayList<>(shellWords(gdbLine));
        gdb.add(1, "-batch");
        gdb.add(2, "-nx");
        gdb.addAll(List.of("-ex", "continue", "-ex", "p/x *(unsigned long *)$rsp", "-ex", "reverse-stepi", "-ex", "info registers rip"));
        Process g = new ProcessBuilder(gdb).redirectErrorStream(true).start();
        started.add(g);
        String session = all(g, 600);
        Matcher ret = Pattern.compile("\\$1 = 0x([0-9a-f]+)").matcher(session);
        assertTrue(ret.find(), session);
        long returnAddress = Long.parseLong(ret.group(1), 16);
        Matcher rip = Pattern.compile("rip\\s+0x([0-9a-f]+)").matcher(session);
        assertTrue(rip.find(), session);
        long back = Long.parseLong(rip.group(1), 16);
        assertEquals(returnAddress - 5, back, session);
        // the instruction there is the call that entered the hook
        Process od = new ProcessBuilder("objdump", "-d", "--start-address=0x" + Long.toHexString(back),
                "--stop-address=0x" + Long.toHexString(returnAddress), dir.resolve("build/lostconfig.elf").toString())
                .redirectErrorStream(true).start();
        String dis = all(od, 60);
        assertTrue(dis.matches("(?s).*call\\s+[0-9a-f]+ <ruedo_fault_hook>.*"), dis);
    }

    @Test
    void recordingRefusesSeveralCpusAndARebuiltImage() throws Exception {
        Path dir = ReplayFixture.lostConfig(tmp.resolve("app"));
        Process two = ruedo("run", dir.toString(), "--record", "--cpus", "2");
        String out = all(two, 600);
        assertEquals(2, two.exitValue(), out);
        assertTrue(out.contains("cannot record with 2 CPUs: QEMU's record/replay supports 1 CPU only"), out);
        assertTrue(!out.contains("booting"), "QEMU never started: " + out);
        assertTrue(!Files.exists(dir.resolve("build/lostconfig.img")), "refused before building");

        Process run = ruedo("run", dir.toString(), "--record");
        assertEquals(100, run.waitFor(600, TimeUnit.SECONDS) ? run.exitValue() : -1);
        Files.writeString(dir.resolve("main.c"), Files.readString(dir.resolve("main.c")).replace("busy_work(100000)", "busy_work(100001)"));
        Process build = ruedo("build", dir.toString());
        all(build, 600);
        Process dbg = ruedo("debug", dir.toString(), "--replay");
        String refused = all(dbg, 120);
        assertEquals(2, dbg.exitValue(), refused);
        assertTrue(refused.contains("was made from another build of lostconfig.img"), refused);
    }

    /** The printed command line's words (it quotes with '...' where needed, never executed by a shell). */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1).replace("'\\''", "'") : m.group(2));
        }
        return words;
    }
}
