package org.ruedo.core.ktest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ruedo.core.ktest.KtestCase.Status;
import org.ruedo.core.qemu.CrashReport;
import org.ruedo.core.qemu.GuestExit;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.qemu.QemuRun;
import org.ruedo.core.qemu.QemuStart;

/**
 * Runs a test image's KTEST cases ({@code ruedo_test.h}) under QEMU and reads the results off the serial
 * console: {@code ktest: N test case(s)}, then per case {@code [ RUN  ] name} and {@code [ PASS ] name},
 * {@code [ FAIL ] name: file:line: cond: message} or {@code [ SKIP ] name: why}. A case that crashes the
 * kernel (QEMU ends after its RUN line) is that case's ERROR with the crash report; a case with no result
 * within the timeout is an ERROR naming the timeout, QEMU is killed. Either way the image boots again
 * with {@code -append "ktest.skip=K"} (kernel/lib/ktest_select.c) for the cases after it, so one bad case
 * hides nothing. {@code --filter} is {@code ktest.filter=GLOB} on the same command line.
 */
public final class KtestRunner {
    /** Told of each case as it ends (the CLI prints it; the IDE's test view shows it). */
    public interface Listener {
        default void caseStarted(int cpus, String name) {
        }

        void caseEnded(int cpus, KtestCase c);
    }

    private static final Pattern ANNOUNCED = Pattern.compile("ktest: (\\d+) test case\\(s\\) on (\\d+) CPU\\(s\\)");
    private static final Pattern RESULT = Pattern.compile("\\[ (RUN |PASS|FAIL|SKIP) \\] ([A-Za-z_][A-Za-z0-9_]*)(?:: (.*))?");
    private static final Pattern WHY = Pattern.compile("(.+?):(\\d+): (.*)");
    private static final String EOF = new String("EOF");

    private final Supplier<QemuCommand> qemu;
    private final Path dir;
    private final java.util.function.UnaryOperator<CrashReport> resolver;

    /**
     * @param qemu     a new command for the image each time (QEMU, image, memory, the manifest's arguments): the runner
     *                 sets the CPU count and appends the case selection
     * @param dir      QEMU's working directory
     * @param resolver resolves a crash report's addresses to file:line (addr2line), or returns it as it is
     */
    public KtestRunner(Supplier<QemuCommand> qemu, Path dir, java.util.function.UnaryOperator<CrashReport> resolver) {
        this.qemu = qemu;
        this.dir = dir;
        this.resolver = resolver;
    }

    /** Runs the cases matching {@code filter} (null: all) on {@code cpus} CPUs, each within {@code timeoutSeconds}. */
    public KtestSuite run(String project, int cpus, String filter, int timeoutSeconds, Listener listener)
            throws IOException, InterruptedException {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        long t0 = System.nanoTime();
        List<KtestCase> cases = new ArrayList<>();
        StringBuilder serial = new StringBuilder();
        Integer announced = null;
        int started = 0;
        String error = null;
        while (error == null && (announced == null || started < announced)) {
            Boot b = new Boot(cpus, timeoutSeconds, listener, cases, serial);
            String append = "ktest.skip=" + started + (filter != null ? " ktest.filter=" + filter : "");
            QemuCommand qc = qemu.get().cpus(cpus).extraArgs(List.of("-append", append));
            b.run(qc);
            if (announced == null) {
                announced = b.announced;
                if (announced == null) {
                    error = b.error != null ? b.error : "the image printed no 'ktest: N test case(s)' line: does its main return ktest_run_all()?";
                    break;
                }
            }
            if (b.error != null) {
                error = b.error;
            } else if (b.started == 0 && started < announced) {
                error = "the guest ran none of the " + (announced - started) + " case(s) left";
            }
            started += b.started;
        }
        return new KtestSuite(project, cpus, List.copyOf(cases), serial.toString(), (System.nanoTime() - t0) / 1_000_000, error,
                timestamp);
    }

    /** One boot: the lines it printed, as they came. */
    private final class Boot {
        private final int cpus;
        private final long timeoutMs;
        private final Listener listener;
        private final List<KtestCase> cases;
        private final StringBuilder serial;
        private final int serialStart;
        Integer announced;
        int started;
        String error;

        Boot(int cpus, int timeoutSeconds, Listener listener, List<KtestCase> cases, StringBuilder serial) {
            this.cpus = cpus;
            this.timeoutMs = timeoutSeconds * 1000L;
            this.listener = listener;
            this.cases = cases;
            this.serial = serial;
            this.serialStart = serial.length();
        }

        void run(QemuCommand qc) throws IOException, InterruptedException {
            Process p = QemuStart.start(qc, dir);
            p.getOutputStream().close();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread out = reader(p.getInputStream(), lines);
            Thread err = copier(p.getErrorStream(), stderr);
            String current = null;
            long caseStart = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            try {
                while (true) {
                    String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (line == null) {         // nothing more within the timeout
                        QemuRun.kill(p);
                        String why = "timed out after " + timeoutMs / 1000 + " s";
                        if (current != null) {
                            end(new KtestCase(current, Status.ERROR, ms(caseStart), why + " (no result line; QEMU was killed and "
                                    + "the remaining cases run in a new boot)", null, 0, ""));
                        } else {
                            error = "no test output for " + timeoutMs / 1000 + " s " + (announced == null ? "after boot" : "between cases");
                        }
                        return;
                    }
                    if (line == EOF) {
                        int status = p.waitFor();
                        out.join(2000);
                        err.join(2000);
                        String text = stderr.toString(StandardCharsets.UTF_8);
                        GuestExit ge = GuestExit.decode(status, text);
                        if (current != null) {
                            ended(current, caseStart, ge, text);
                        } else if (announced == null) {
                            error = "the guest ended before its test cases (" + ge.describe() + ")" + (text.isBlank() ? "" : ": " + text.strip());
                        }
                        return;
                    }
                    Matcher m;
                    if (announced == null && (m = ANNOUNCED.matcher(line)).find()) {
                        announced = Integer.parseInt(m.group(1));
                    } else if ((m = RESULT.matcher(line)).find() && m.start() == 0) {
                        String name = m.group(2);
                        String kind = m.group(1);
                        if (kind.equals("RUN ")) {
                            current = name;
                            started++;
                            caseStart = System.nanoTime();
                            listener.caseStarted(cpus, name);
                        } else {
                            end(result(name, kind, m.group(3), ms(caseStart)));
                            current = null;
                        }
                        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
                    }
                }
            } finally {
                if (p.isAlive()) {
                    QemuRun.kill(p);
                }
            }
        }

        /** QEMU ended while {@code name} ran: a crash (with its report), or some other end of the guest. */
        private void ended(String name, long caseStart, GuestExit ge, String stderr) {
            String log = serial.substring(serialStart);
            CrashReport crash = CrashReport.find(log.substring(Math.max(0, log.lastIndexOf("[ RUN  ] " + name))));
            if (crash != null) {
                CrashReport c = resolver.apply(crash);
                CrashReport.Frame f = c.firstSourceFrame();
                end(new KtestCase(name, Status.ERROR, ms(caseStart), c.summary(), f == null ? null : f.file(), f == null ? 0 : f.line(),
                        c.text()));
            } else {
                end(new KtestCase(name, Status.ERROR, ms(caseStart), "the guest ended during the case: " + ge.describe()
                        + (stderr.isBlank() ? "" : " (" + stderr.strip() + ")"), null, 0, ""));
            }
        }

        private void end(KtestCase c) {
            cases.add(c);
            listener.caseEnded(cpus, c);
        }

        private Thread reader(InputStream in, BlockingQueue<String> lines) {
            Thread t = new Thread(() -> {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                try {
                    int b;
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        for (int i = 0; i < n; i++) {
                            b = buf[i];
                            if (b == '\n') {
                                String s = line.toString(StandardCharsets.UTF_8);
                                s = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                                synchronized (serial) {
                                    serial.append(s).append('\n');
                                }
                                lines.add(s);
                                line.reset();
                            } else {
                                line.write(b);
                            }
                        }
                    }
                } catch (IOException e) {
                    // QEMU ended
                }
                if (line.size() > 0) {
                    synchronized (serial) {
                        serial.append(line.toString(StandardCharsets.UTF_8)).append('\n');
                    }
                    lines.add(line.toString(StandardCharsets.UTF_8));
                }
                lines.add(EOF);
            }, "ruedo-ktest-serial");
            t.setDaemon(true);
            t.start();
            return t;
        }

        private static Thread copier(InputStream in, ByteArrayOutputStream to) {
            Thread t = new Thread(() -> {
                try {
                    in.transferTo(to);
                } catch (IOException e) {
                    // QEMU ended
                }
            }, "ruedo-ktest-stderr");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** A PASS, FAIL or SKIP line's case. */
    static KtestCase result(String name, String kind, String why, long millis) {
        String w = why == null ? "" : why.strip();
        return switch (kind) {
            case "PASS" -> new KtestCase(name, Status.PASS, millis, "", null, 0, "");
            case "SKIP" -> new KtestCase(name, Status.SKIP, millis, w, null, 0, "");
            default -> {
                Matcher m = WHY.matcher(w);
                yield m.matches() ? new KtestCase(name, Status.FAIL, millis, m.group(3).strip(), m.group(1), Integer.parseInt(m.group(2)), "")
                        : new KtestCase(name, Status.FAIL, millis, w, null, 0, "");
            }
        };
    }
}
