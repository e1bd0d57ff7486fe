package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ruedo.core.build.DependencyFile;
import org.ruedo.core.build.DiagnosticParser;
import org.ruedo.core.build.Problem;
import org.ruedo.core.build.Problem.Severity;

/** gcc, gas and ld diagnostics in each form they take, and gcc -MMD dependency files. */
class DiagnosticParserTest {
    private static final Path WD = Path.of("/proj");

    private static Problem p(String line) {
        return DiagnosticParser.parseLine(line, WD);
    }

    @Test
    void gccErrorWithColumn() {
        assertEquals(new Problem(Path.of("/proj/main.c"), 6, 38, Severity.ERROR, "expected ';' before 'return'"),
                p("main.c:6:38: error: expected ';' before 'return'"));
    }

    @Test
    void gccWarningNoteFatal() {
        assertEquals(Severity.WARNING, p("/k/sched.c:72:39: warning: variable 'prev' set but not used [-Wunused-but-set-variable]").severity());
        assertEquals(Severity.INFO, p("/k/a.h:3:5: note: declared here").severity());
        Problem f = p("main.c:2:10: fatal error: missing.h: No such file or directory");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("missing.h: No such file or directory", f.message());
    }

    @Test
    void gasError() {
        Problem e = p("/k/arch/boot.S:12: Error: no such instruction: `movx %eax,%ebx'");
        assertEquals(Path.of("/k/arch/boot.S"), e.file());
        assertEquals(12, e.line());
        assertEquals(0, e.column());
        assertEquals(Severity.ERROR, e.severity());
    }

    @Test
    void ldUndefinedReference() {
        assertNull(p("ld: /proj/build/obj/app/main.c.o: in function `main':"));
        Problem e = p("/proj/main.c:7: undefined reference to `frobnicate'");
        assertEquals(new Problem(Path.of("/proj/main.c"), 7, 0, Severity.ERROR, "undefined reference to `frobnicate'"), e);
        Problem e2 = p("/usr/bin/ld: /proj/main.c:7: undefined reference to `frobnicate'");
        assertEquals(7, e2.line());
        assertEquals(Path.of("/proj/main.c"), e2.file());
    }

    @Test
    void ldUndefinedReferenceOnOneLine() {
        Problem e = p("ld: build/obj/app/main.c.o: in function `main': main.c:12: undefined reference to `foo'");
        assertEquals(new Problem(WD.resolve("main.c"), 12, 0, Severity.ERROR, "undefined reference to `foo'"), e);
        Problem abs = p("/usr/bin/ld: /p q/main.c.o: in function `f': /p q/main.c:3: undefined reference to `g'");
        assertEquals(Path.of("/p q/main.c"), abs.file());
        assertEquals(3, abs.line());
    }

    @Test
    void ldUndefinedReferenceWithoutLineInformation() {
        Problem e = p("m.c:(.text+0x5): undefined reference to `f'");
        assertEquals(WD.resolve("m.c"), e.file());
        assertEquals(0, e.line());
        assertEquals(Severity.ERROR, e.severity());
        assertTrue(e.message().startsWith("undefined reference to `f'"), e.message());
    }

    @Test
    void ldCannotFindLibrary() {
        Problem e = p("ld: cannot find -lfoo: No such file or directory");
        assertNull(e.file());
        assertEquals("cannot find -lfoo: No such file or directory", e.message());
    }

    @Test
    void ldWithoutFile() {
        Problem e = p("ld: cannot find /proj/build/obj/x.o: No such file or directory");
        assertNull(e.file());
        assertEquals(Severity.ERROR, e.severity());
        assertEquals(Severity.WARNING, p("ld: warning: section `.bss' type changed to PROGBITS").severity());
    }

    @Test
    void ldScriptSyntaxError() {
        Problem e = p("ld:/k/arch/x86_64/kernel.ld:14: syntax error");
        assertEquals(Path.of("/k/arch/x86_64/kernel.ld"), e.file());
        assertEquals(14, e.line());
    }

    @Test
    void otherLinesAreNotProblems() {
        assertNull(p("In file included from main.c:1:"));
        assertNull(p("    6 |     printk(\"x\")"));
        assertNull(p("      |                 ^"));
        assertEquals(2, DiagnosticParser.parse("a.c:1:1: error: x\nnoise\nb.c:2:2: warning: y\n", WD).size());
    }

    @Test
    void dependencyFile() {
        String d = "/p/build/obj/app/main.c.o: /p/main.c /k/include/ruedo.h \\\n /p/dir\\ with\\ space/app.h\n"
                + "/k/include/ruedo.h:\n/p/dir\\ with\\ space/app.h:\n";
        assertEquals(List.of(Path.of("/p/main.c"), Path.of("/k/include/ruedo.h"), Path.of("/p/dir with space/app.h")),
                DependencyFile.parse(d));
    }

    @Test
    void toolPrefixedErrorsWithoutFile() {
        Problem e = p("cc1: fatal error: /proj/nosuch.c: No such file or directory");
        assertEquals(new Problem(null, 0, 0, Severity.ERROR, "/proj/nosuch.c: No such file or directory"), e);
        assertEquals(Severity.ERROR, p("gcc: error: unrecognized command-line option '-mfoo'").severity());
        assertEquals(Severity.ERROR, p("x86_64-linux-gnu-gcc-12: error: missing argument to '-o'").severity());
        assertNull(p("compilation terminated."));
        assertNull(p("/proj/a.S: Assembler messages:"));
    }

    @Test
    void realToolOutputBecomesProblems(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("m.c"), "void f(void);\nint main(void)\n{\n    f();\n    return 0\n}\n");
        java.nio.file.Files.writeString(dir.resolve("a.S"), "    .text\n    movq %rax\n");
        // gcc with a relative file name: resolved against the directory it ran in
        List<Problem> c = run(dir, "gcc", "-c", "m.c", "-o", "m.o");
        assertEquals(new Problem(dir.resolve("m.c"), 5, 13, Severity.ERROR, "expected ';' before '}' token"), c.get(0));
        List<Problem> a = run(dir, "gcc", "-c", "a.S", "-o", "a.o");
        assertEquals(dir.resolve("a.S"), a.get(0).file());
        assertEquals(2, a.get(0).line());
        assertEquals(Severity.ERROR, a.get(0).severity());
        List<Problem> missing = run(dir, "gcc", "-c", "nosuch.c");
        assertTrue(missing.get(0).message().contains("nosuch.c: No such file or directory"), missing.toString());
        java.nio.file.Files.writeString(dir.resolve("m.c"), "void f(void);\nint main(void)\n{\n    f();\n    return 0;\n}\n");
        assertEquals(List.of(), run(dir, "gcc", "-g", "-c", "m.c", "-o", "m.o"));
        List<Problem> l = run(dir, "ld", "-nostdlib", "-e", "main", "m.o", "-o", "m.elf");
        assertEquals(new Problem(dir.resolve("m.c"), 4, 0, Severity.ERROR, "undefined reference to `f'"), l.get(0));
        java.nio.file.Files.writeString(dir.resolve("bad.ld"), "SECTIONS {\n  .text : { *(.text) }\n  junk junk\n}\n");
        List<Problem> s = run(dir, "ld", "-T", "bad.ld", "m.o", "-o", "m.elf");
        assertEquals(dir.resolve("bad.ld"), s.get(0).file());
        assertEquals(Severity.ERROR, s.get(0).severity());
        List<Problem> lib = run(dir, "ld", "m.o", "-lnosuchlib", "-o", "m.elf");
        assertTrue(lib.stream().anyMatch(x -> x.file() == null && x.message().contains("cannot find -lnosuchlib")), lib.toString());
    }

    private static List<Problem> run(Path dir, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");     // as the engine runs the tools: ASCII quotes
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return DiagnosticParser.parse(out, dir);
    }
}
