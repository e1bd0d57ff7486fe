package org.ruedo.core.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns gcc, GNU as and GNU ld output into {@link Problem}s.
 *
 * <pre>
 * gcc:  FILE:LINE:COL: (error|warning|note|fatal error): MESSAGE
 *       (cc1|gcc|as|collect2): (fatal error|error|warning): MESSAGE     (no file, e.g. a missing source)
 *       FILE:LINE: (error|warning|note|fatal error): MESSAGE
 * as:   FILE:LINE: (Error|Warning): MESSAGE
 * ld:   FILE:LINE: MESSAGE                        (e.g. undefined reference to `foo')
 *       [ld: ]FILE.o: in function `f':           (context only: skipped)
 *       [ld: ]FILE.o: in function `f': FILE:LINE: MESSAGE   (the same on one line)
 *       FILE:(SECTION+OFFSET): MESSAGE            (no line information: object built without -g)
 *       ld: [warning: ]MESSAGE                    (no file)
 *       ld:SCRIPT:LINE: MESSAGE                   (linker script syntax errors)
 * </pre>
 * Relative file names are resolved against the directory the tool ran in.
 */
public final class DiagnosticParser {
    private static final Pattern GCC = Pattern.compile(
            "^(.+?):(\\d+):(?:(\\d+):)? (fatal error|error|warning|note|Error|Warning|Fatal error): (.*)$");
    private static final Pattern TOOL = Pattern.compile(
            "^(?:\\S*/)?(?:cc1|cc1plus|as|collect2|lto-wrapper|(?:[\\w.-]*-)?gcc(?:-[0-9.]+)?): "
                    + "(fatal error|error|warning|note): (.*)$");
    private static final Pattern LD_SCRIPT = Pattern.compile("^(?:.*/)?ld(?:\\.bfd)?:(.+?):(\\d+): (.*)$");
    private static final Pattern LD_PLAIN = Pattern.compile("^(?:.*/)?ld(?:\\.bfd)?: (warning: )?(.*)$");
    private static final Pattern LD_CONTEXT = Pattern.compile(".*: in function [`'].*[`']:$|.*: undefined reference.*in function.*");
    private static final Pattern LD_IN_FUNCTION = Pattern.compile(
            "^(?:(?:\\S*/)?ld(?:\\.bfd)?: )?.+?: in function [`'][^`']*': (.+?):(\\d+)(?::\\([^)]*\\))?: (.*)$");
    private static final Pattern LD_SECTION = Pattern.compile(
            "^(?:(?:\\S*/)?ld(?:\\.bfd)?: )?([^:]+\\.(?:c|S|s)):\\(([^)]*)\\): (.*)$");
    private static final Pattern FILE_LINE_MSG = Pattern.compile("^(.+?\\.(?:c|h|S|s|ld)):(\\d+): (.*)$");

    private DiagnosticParser() {
    }

    /** Parses a tool's combined output. */
    public static List<Problem> parse(String output, Path workDir) {
        List<Problem> out = new ArrayList<>();
        for (String line : output.split("\\R")) {
            Problem p = parseLine(line, workDir);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** Parses one line, or returns null when it is not a diagnostic. */
    public static Problem parseLine(String line, Path workDir) {
        Matcher m = TOOL.matcher(line);
        if (m.matches()) {
            return new Problem(null, 0, 0, severity(m.group(1)), m.group(2));
        }
        m = LD_IN_FUNCTION.matcher(line);
        if (m.matches()) {
            return new Problem(resolve(m.group(1), workDir), Integer.parseInt(m.group(2)), 0, Problem.Severity.ERROR, m.group(3));
        }
        m = LD_SECTION.matcher(line);
        if (m.matches()) {
            return new Problem(resolve(m.group(1), workDir), 0, 0, Problem.Severity.ERROR, m.group(3) + " (at " + m.group(2) + ")");
        }
        m = GCC.matcher(line);
        if (m.matches() && !line.startsWith("ld:")) {
            return new Problem(resolve(m.group(1), workDir), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), severity(m.group(4)), m.group(5));
        }
        if (LD_CONTEXT.matcher(line).matches()) {
            return null;
        }
        m = LD_SCRIPT.matcher(line);
        if (m.matches() && m.group(1).indexOf(' ') < 0) {
            return new Problem(resolve(m.group(1), workDir), Integer.parseInt(m.group(2)), 0, Problem.Severity.ERROR, m.group(3));
        }
        m = LD_PLAIN.matcher(line);
        if (m.matches()) {
            String msg = m.group(2);
            Matcher fl = FILE_LINE_MSG.matcher(msg);
            if (fl.matches()) {
                return new Problem(resolve(fl.group(1), workDir), Integer.parseInt(fl.group(2)), 0,
                        m.group(1) != null ? Problem.Severity.WARNING : Problem.Severity.ERROR, fl.group(3));
            }
            return new Problem(null, 0, 0, m.group(1) != null ? Problem.Severity.WARNING : Problem.Severity.ERROR, msg);
        }
        m = FILE_LINE_MSG.matcher(line);
        if (m.matches()) {      // ld: /path/main.c:12: undefined reference to `foo'
            return new Problem(resolve(m.group(1), workDir), Integer.parseInt(m.group(2)), 0, Problem.Severity.ERROR, m.group(3));
        }
        return null;
    }

    private static Problem.Severity severity(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "warning" -> Problem.Severity.WARNING;
            case "note" -> Problem.Severity.INFO;
            default -> Problem.Severity.ERROR;
        };
    }

    private static Path resolve(String file, Path workDir) {
        Path p = Path.of(file);
        return (p.isAbsolute() || workDir == null ? p : workDir.resolve(p)).normalize();
    }
}
