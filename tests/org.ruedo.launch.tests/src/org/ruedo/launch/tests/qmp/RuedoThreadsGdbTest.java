package org.ruedo.launch.tests.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.internal.QemuProcess;
import org.ruedo.launch.tests.Workspace;

/**
 * {@code ruedo-threads} (kernel/debug/ruedo-gdb.py) in a real gdb against a real QEMU at -smp 2 and 4:
 * at a breakpoint the thread list matches what the app itself says it started, parked threads are
 * where they called the scheduler, and the vCPUs' registers are the same before and after.
 */
class RuedoThreadsGdbTest extends RealQemuLaunchTest {
    static final String APP = """
            #include <ruedo.h>
            volatile int ids[16];
            static void spinner(void *arg)
            {
                ids[(long)arg] = thread_id();
                for (;;)
                    thread_sleep(5);
            }
            static void sleeper(void *arg)
            {
                ids[9] = thread_id();
                thread_sleep(5000);
            }
            static void joiner(void *arg)
            {
                ids[10] = thread_id();
                thread_join(BeginThread(sleeper, 0, 1));
            }
            static void yielder(void *arg)
            {
                ids[11] = thread_id();
                for (;;)
                    thread_yield();
            }
            void stop_here(void) { __asm__ volatile(""); }
            int main(void)
            {
                int n = cpu_count();
                for (int c = 0; c < n; c++)
                    BeginThread(spinner, (void *)(long)c, c);
                BeginThread(yielder, 0, 1);
                BeginThread(joiner, 0, 1);
                thread_sleep(100);
                for (int c = 0; c < n; c++)
                    printk("app: spinner %d.%d\\n", ids[c] >> 24, ids[c] & 0xffffff);
                printk("app: sleeper %d.%d\\napp: joiner %d.%d\\napp: yielder %d.%d\\n", ids[9] >> 24, ids[9] & 0xffffff,
                       ids[10] >> 24, ids[10] & 0xffffff, ids[11] >> 24, ids[11] & 0xffffff);
                stop_here();
                return 0;
            }
            """;

    private static int lineOf(String needle) {
        List<String> lines = APP.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }


    @Test
    void threadListOnTwoCpus() throws Exception {
        threadList(2);
    }

    @Test
    void threadListOnFourCpus() throws Exception {
        threadList(4);
    }

    private void threadList(int cpus) throws Exception {
        IProject p = Workspace.project("thr" + cpus, Workspace.appProject(tmp.resolve("thr"), "thr", APP));
        ILaunchConfigurationWorkingCopy wc = Workspace.config(p, "thr");
        wc.setAttribute(LaunchConstants.ATTR_CPUS, cpus);
        wc.setAttribute(LaunchConstants.ATTR_GDBSTUB, true);
        wc.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "-S");
        launch = wc.launch(ILaunchManager.RUN_MODE, null);
        Workspace.waitFor(() -> launch.getProcesses().length > 0, 120, "QEMU");
        QemuProcess q = (QemuProcess) launch.getProcesses()[0];
        String port = q.getAttribute(LaunchConstants.PROC_GDB_PORT);
        Path script = Workspace.root().resolve("kernel/debug/ruedo-gdb.py");
        String regs = "info registers rip rsp rbp rbx r12 r13 r14 r15";
        Process gdb = new ProcessBuilder("gdb", "-q", "-nx", "-batch", q.getAttribute(LaunchConstants.PROC_ELF),
                "-ex", "set architecture i386:x86-64", "-x", script.toString(), "-ex", "target remote 127.0.0.1:" + port,
                "-ex", "break stop_here", "-ex", "continue",
                "-ex", "echo ==before\\n", "-ex", "thread apply all " + regs,
                "-ex", "echo ==threads\\n", "-ex", "ruedo-threads",
                "-ex", "echo ==after\\n", "-ex", "thread apply all " + regs, "-ex", "echo ==end\\n")
                .redirectErrorStream(true).start();
        String out;
        try {
            out = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gdb.waitFor(120, TimeUnit.SECONDS));
        } finally {
            gdb.destroyForcibly();
        }
        assertTrue(out.contains("==end"), out);
        String before = out.substring(out.indexOf("==before"), out.indexOf("==threads")).replace("==before", "");
        String after = out.substring(out.indexOf("==after"), out.indexOf("==end")).replace("==after", "");
        assertEquals(before.strip(), after.strip(), "every vCPU's registers unchanged by ruedo-threads");
        String list = out.substring(out.indexOf("==threads") + 9, out.indexOf("==after"));

        Map<String, String> role = new HashMap<>();
        Matcher m = Pattern.compile("app: (\\w+) (\\d+\\.\\d+)").matcher(q.serialText());
        while (m.find()) {
            role.put(m.group(2), m.group(1));
        }
        assertEquals(cpus + 3, role.size(), q.serialText());
        Map<String, String> rows = new HashMap<>();
        for (String line : list.strip().split("\n")) {
            String[] f = line.strip().split("\\s{2,}");
            if (f.length == 5 && !f[0].equals("ID")) {
                rows.put(f[0], line);
            }
        }
        assertEquals(cpus + 3 + cpus, rows.size(), "app threads plus one boot thread per CPU:\n" + list);
        for (int c = 0; c < cpus; c++) {
            assertTrue(rows.containsKey(c + ".0"), "boot thread of CPU " + c + "\n" + list);
        }
        assertTrue(rows.get("0.0").matches("0\\.0\\s+0\\s+running\\s+kmain \\(boot\\)\\s+stop_here \\(main\\.c:" + lineOf("void stop_here") + "\\)\\s*"),
                rows.get("0.0"));
        String sleeperId = null;
        for (Map.Entry<String, String> e : role.entrySet()) {
            if (e.getValue().equals("sleeper")) {
                sleeperId = e.getKey();
            }
        }
        for (Map.Entry<String, String> e : role.entrySet()) {
            String row = rows.get(e.getKey());
            assertTrue(row != null, e + " listed:\n" + list);
            switch (e.getValue()) {
                case "spinner" -> assertTrue(row.contains(" running ") ? row.contains("spinner")
                        : row.contains("sleeping until ") && row.endsWith("spinner (main.c:" + lineOf("thread_sleep(5);") + ") in thread_sleep"), row);
                case "sleeper" -> {
                    assertTrue(row.contains(" 1 ") && row.contains("sleeping until "), row);
                    assertTrue(row.endsWith("sleeper (main.c:" + lineOf("thread_sleep(5000)") + ") in thread_sleep"), row);
                }
                case "joiner" -> assertTrue(row.contains("waiting in join on thread " + sleeperId)
                        && (row.endsWith("joiner (main.c:" + lineOf("thread_join(BeginThread") + ") in thread_join") || row.contains("running")), row);
                case "yielder" -> assertTrue(row.contains(" running ") ? row.contains("yielder")
                        : row.contains(" ready ") && row.endsWith("yielder (main.c:" + lineOf("thread_yield();") + ") in thread_yield"), row);
                default -> throw new AssertionError(e);
            }
        }
        assertFalse(list.contains("? ("), "every thread unwound:\n" + list);
    }
}
