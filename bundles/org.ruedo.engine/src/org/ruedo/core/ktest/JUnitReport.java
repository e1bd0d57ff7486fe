package org.ruedo.core.ktest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The JUnit XML report of a {@code ruedo test} run, in the form CI servers and Maven Surefire's report read:
 * {@code <testsuites>} with one {@code <testsuite>} per CPU count (name {@code PROJECT.cpusN}), one
 * {@code <testcase>} per case (name = the KTEST name, classname = the suite's name, time in seconds, and
 * {@code file}/{@code line} where known); a failed KASSERT is a {@code <failure>} (message, and
 * {@code file:line: message} as its text), a crash or a hang an {@code <error>} (type {@code crash},
 * {@code timeout} or {@code guest-exit}, the crash report as its text), a skip {@code <skipped>}; the
 * serial log of the suite's boots is its {@code <system-out>}.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    /** Writes the report to {@code file} (through a temporary file, so a reader never sees half of it). */
    public static void write(List<KtestSuite> suites, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, xml(suites), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The report's text. */
    public static String xml(List<KtestSuite> suites) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long tests = 0, failures = 0, errors = 0, skipped = 0, millis = 0;
        for (KtestSuite s : suites) {
            tests += s.cases().size() + (s.error() != null ? 1 : 0);
            failures += s.count(KtestCase.Status.FAIL);
            errors += s.count(KtestCase.Status.ERROR) + (s.error() != null ? 1 : 0);
            skipped += s.count(KtestCase.Status.SKIP);
            millis += s.millis();
        }
        String project = suites.isEmpty() ? "ruedo" : suites.get(0).project();
        x.append("<testsuites name=\"").append(attr(project)).append("\" tests=\"").append(tests).append("\" failures=\"")
                .append(failures).append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
                .append("\" time=\"").append(seconds(millis)).append("\">\n");
        for (KtestSuite s : suites) {
            suite(x, s);
        }
        return x.append("</testsuites>\n").toString();
    }

    private static void suite(StringBuilder x, KtestSuite s) {
        String name = s.project() + ".cpus" + s.cpus();
        long errors = s.count(KtestCase.Status.ERROR) + (s.error() != null ? 1 : 0);
        x.append("  <testsuite name=\"").append(attr(name)).append("\" tests=\"").append(s.cases().size() + (s.error() != null ? 1 : 0))
                .append("\" failures=\"").append(s.count(KtestCase.Status.FAIL)).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(s.count(KtestCase.Status.SKIP)).append("\" time=\"").append(seconds(s.millis()))
                .append("\" timestamp=\"").append(attr(s.timestamp())).append("\" hostname=\"localhost\">\n");
        x.append("    <properties>\n      <property name=\"cpus\" value=\"").append(s.cpus()).append("\"/>\n    </properties>\n");
        for (KtestCase c : s.cases()) {
            x.append("    <testcase name=\"").append(attr(c.name())).append("\" classname=\"").append(attr(name))
                    .append("\" time=\"").append(seconds(c.millis())).append('"');
            if (c.file() != null) {
                x.append(" file=\"").append(attr(c.file())).append("\" line=\"").append(c.line()).append('"');
            }
            switch (c.status()) {
                case PASS -> x.append("/>\n");
                case SKIP -> x.append(">\n      <skipped message=\"").append(attr(c.message())).append("\"/>\n    </testcase>\n");
                case FAIL -> x.append(">\n      <failure message=\"").append(attr(c.message())).append("\" type=\"KASSERT\">")
                        .append(text(c.file() == null ? c.message() : c.location() + ": " + c.message())).append("</failure>\n    </testcase>\n");
                case ERROR -> x.append(">\n      <error message=\"").append(attr(c.message())).append("\" type=\"").append(errorType(c))
                        .append("\">").append(text(c.detail().isEmpty() ? c.message() : c.detail())).append("</error>\n    </testcase>\n");
            }
        }
        if (s.error() != null) {        // the run itself went wrong: one error case names why, so no report looks green
            x.append("    <testcase name=\"(run)\" classname=\"").append(attr(name)).append("\" time=\"0.000\">\n      <error message=\"")
                    .append(attr(s.error())).append("\" type=\"run\">").append(text(s.error())).append("</error>\n    </testcase>\n");
        }
        x.append("    <system-out>").append(text(s.serial())).append("</system-out>\n  </testsuite>\n");
    }

    private static String errorType(KtestCase c) {
        return c.message().startsWith("timed out") ? "timeout" : c.detail().isEmpty() ? "guest-exit" : "crash";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Text content: the XML specials escaped, characters XML 1.0 cannot hold (control codes of the serial) left out. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (cp == '\t' || cp == '\n' || cp == '\r' || cp >= 0x20 && cp < 0xD800 || cp >= 0xE000 && cp < 0xFFFE || cp >= 0x10000) {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.toString();
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
