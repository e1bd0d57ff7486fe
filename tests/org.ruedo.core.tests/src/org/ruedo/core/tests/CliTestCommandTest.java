package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.core.tests.Cli.ruedo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 17: {@code ruedo test} with a real gcc and QEMU: per-case lines, the summary, the exit code, a JUnit XML report
 * read back with the JDK's XML parser, {@code --filter}, several {@code --cpus}, a crash and a hang that hide nothing.
 */
class CliTestCommandTest {
    @TempDir
    Path tmp;

    /** Lines 3..7 of main.c are the cases; the failing KASSERT is on line 5, the crashing store on line 6. */
    private static final String FIVE = """
            #include <ruedo_test.h>

            KTEST(adds) { KASSERT(1 + 2 == 3, "1 + 2"); }
            KTEST(multiplies) { KASSERT(2 * 3 == 6, "2 * 3"); }
            KTEST(compares) { int x = 3; KASSERT(x == 4, "x is %d", x); }
            KTEST(dereferences_null) { volatile int *p = 0; *p = 1; }
            KTEST(subtracts) { KASSERT(5 - 2 == 3, "5 - 2"); }

            int main(void)
            {
                return ktest_run_all();
            }
            """;

    private Path project(String name, String mainC) throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve(name), name);
        Files.delete(dir.resolve("other.c"));
        Files.delete(dir.resolve("app.h"));
        Files.writeString(dir.resolve("main.c"), mainC);
        return dir;
    }



    /** Per suite (testsuite name), per case name: pass, failure, error or skipped, read with a DOM parser. */
    private static Map<String, Map<String, String>> readJUnit(Path xml) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals("testsuites", d.getDocumentElement().getTagName());
        Map<String, Map<String, String>> suites = new LinkedHashMap<>();
        NodeList ss = d.getElementsByTagName("testsuite");
        for (int i = 0; i < ss.getLength(); i++) {
            Element s = (Element) ss.item(i);
            Map<String, String> cases = new LinkedHashMap<>();
            NodeList cs = s.getElementsByTagName("testcase");
            for (int j = 0; j < cs.getLength(); j++) {
                Element c = (Element) cs.item(j);
                String status = "pass";
                for (String kind : List.of("failure", "error", "skipped")) {
                    NodeList k = c.getElementsByTagName(kind);
                    if (k.getLength() > 0) {
                        Element e = (Element) k.item(0);
                        status = kind + ": " + e.getAttribute("message");
                    }
                }
                cases.put(c.getAttribute("name"), status);
            }
            assertEquals(Integer.toString(cs.getLength()), s.getAttribute("tests"), "the suite's tests count");
            suites.put(s.getAttribute("name"), cases);
        }
        return suites;
    }

    @Test
    void threePassOneFailsOneCrashes() throws Exception {
        Path dir = project("five", FIVE);
        Path xml = tmp.resolve("reports/five.xml");
        Cli r = ruedo("test", dir.toString(), "--junit", xml.toString(), "--timeout", "120");
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        String main = dir.resolve("main.c").toString();
        assertEquals("ruedo test: five on 1 CPU(s)", lines.get(0), r.out());
        // one line per case, in the order the image holds them (the compiler's): looked up by name
        Map<String, String> caseLines = new LinkedHashMap<>();
        lines.stream().filter(l -> l.matches("(PASS|FAIL|ERROR) .*")).forEach(l -> caseLines.put(l.split("[ :]")[1], l));
        assertEquals(java.util.Set.of("adds", "multiplies", "compares", "dereferences_null", "subtracts"), caseLines.keySet(), r.out());
        assertTrue(caseLines.get("adds").matches("PASS adds \\(\\d+ ms\\)"), caseLines.get("adds"));
        assertTrue(caseLines.get("multiplies").matches("PASS multiplies \\(\\d+ ms\\)"), caseLines.get("multiplies"));
        assertEquals("FAIL compares: x == 4: x is 3 at " + main + ":5", caseLines.get("compares"));
        assertEquals("ERROR dereferences_null: kernel crash on CPU 0: Page fault (#PF, vector 14) in ktest_fn_dereferences_null at "
                + main + ":6", caseLines.get("dereferences_null"));
        assertTrue(caseLines.get("subtracts").matches("PASS subtracts \\(\\d+ ms\\)"), caseLines.get("subtracts"));
        assertTrue(r.out().contains("\n    *** KERNEL PANIC on CPU 0: Page fault (#PF, vector 14)\n"), "the crash report under its case: " + r.out());
        assertEquals("3 passed, 2 failed", lines.get(lines.size() - 1));

        Map<String, Map<String, String>> suites = readJUnit(xml);
        assertEquals(List.of("five.cpus1"), new ArrayList<>(suites.keySet()));
        Map<String, String> cases = suites.get("five.cpus1");
        assertEquals(java.util.Set.of("adds", "multiplies", "compares", "dereferences_null", "subtracts"), cases.keySet());
        assertEquals("pass", cases.get("adds"));
        assertEquals("pass", cases.get("multiplies"));
        assertEquals("failure: x == 4: x is 3", cases.get("compares"));
        assertEquals("error: kernel crash on CPU 0: Page fault (#PF, vector 14) in ktest_fn_dereferences_null at " + main + ":6",
                cases.get("dereferences_null"));
        assertEquals("pass", cases.get("subtracts"));
        String text = Files.readString(xml);
        assertTrue(text.contains("<testcase name=\"compares\" classname=\"five.cpus1\"") && text.contains("file=\"" + main + "\" line=\"5\""),
                text);
        assertTrue(text.contains("*** END OF CRASH REPORT"), "the crash report in the error and the serial log: " + text);
        assertTrue(text.contains("<system-out>Ruedo kernel booting"), "the serial log: " + text);
        // the crash is not the last case in either order the compiler may give: the rest ran in a second boot
        assertEquals(2, text.split("Ruedo kernel booting", -1).length - 1, "two boots in the serial log: " + text);
    }

    @Test
    void filterAndSeveralCpuCounts() throws Exception {
        Path dir = project("cpus", """
                #include <ruedo_test.h>

                KTEST(sees_two_cpus) { KASSERT(cpu_count() == 2, "cpu_count() is %d", cpu_count()); }
                KTEST(sees_at_least_one_cpu) { KASSERT(cpu_count() >= 1, "cpu_count() is %d", cpu_count()); }
                KTEST(other_case) { KASSERT(0, "must not run under the filter"); }

                int main(void)
                {
                    return ktest_run_all();
                }
                """);
        Path xml = tmp.resolve("cpus.xml");
        Cli r = ruedo("test", dir.toString(), "--cpus", "1,2", "--filter", "sees_*", "--junit", xml.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String main = dir.resolve("main.c").toString();
        List<String> lines = r.out().lines().filter(l -> !l.startsWith("    ")).toList();
        assertEquals(7, lines.size(), r.out());
        assertEquals("ruedo test: cpus on 1 CPU(s), cases matching sees_*", lines.get(0));
        assertEquals(java.util.Set.of("FAIL sees_two_cpus: cpu_count() == 2: cpu_count() is 1 at " + main + ":3", "PASS sees_at_least_one_cpu"),
                java.util.Set.of(withoutTime(lines.get(1)), withoutTime(lines.get(2))), r.out());
        assertEquals("ruedo test: cpus on 2 CPU(s), cases matching sees_*", lines.get(3));
        assertEquals(java.util.Set.of("PASS sees_two_cpus", "PASS sees_at_least_one_cpu"),
                java.util.Set.of(withoutTime(lines.get(4)), withoutTime(lines.get(5))), r.out());
        assertEquals("3 passed, 1 failed", lines.get(6));
        Map<String, Map<String, String>> suites = readJUnit(xml);
        assertEquals(Map.of("sees_two_cpus", "failure: cpu_count() == 2: cpu_count() is 1", "sees_at_least_one_cpu", "pass"),
                suites.get("cpus.cpus1"));
        assertEquals(Map.of("sees_two_cpus", "pass", "sees_at_least_one_cpu", "pass"), suites.get("cpus.cpus2"));

        // every case passes when only the robust one is asked for; a filter matching nothing is no success
        Cli one = ruedo("test", dir.toString(), "--filter", "sees_at_least_one_cpu");
        assertEquals(0, one.code(), one.out() + one.err());
        assertTrue(one.out().endsWith("1 passed, 0 failed\n"), one.out());
        Cli none = ruedo("test", dir.toString(), "--filter", "nothing*");
        assertEquals(1, none.code(), none.out() + none.err());
        assertTrue(none.out().contains("ERROR no test case matches --filter nothing*\n"), none.out());
        assertTrue(none.out().endsWith("0 passed, 0 failed\n"), none.out());
    }

    /** A PASS line without its " (N ms)" (checked to be there). */
    private static String withoutTime(String line) {
        if (line.startsWith("PASS ")) {
            assertTrue(line.matches("PASS \\S+ \\(\\d+ ms\\)"), line);
            return line.substring(0, line.indexOf(" ("));
        }
        return line;
    }

    @Test
    void aHungCaseEndsAtTheTimeoutAndTheRestStillRuns() throws Exception {
        Path dir = project("hang", """
                #include <ruedo_test.h>

                KTEST(before) { KASSERT(1, "ok"); }
                KTEST(sleeps_forever) { for (;;) thread_sleep(10); }
                KTEST(after) { KASSERT(1, "ok"); }

                int main(void)
                {
                    return ktest_run_all();
                }
                """);
        Path xml = tmp.resolve("hang.xml");
        Cli r = ruedo("test", dir.toString(), "--timeout", "3", "--junit", xml.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\nERROR sleeps_forever: timed out after 3 s (no result line; QEMU was killed and the remaining "
                + "cases run in a new boot)\n"), r.out());
        assertTrue(r.out().matches("(?s).*\nPASS after \\(\\d+ ms\\)\n.*") && r.out().matches("(?s).*\nPASS before \\(\\d+ ms\\)\n.*"),
                r.out());
        assertTrue(r.out().endsWith("\n2 passed, 1 failed\n"), r.out());
        Map<String, String> cases = readJUnit(xml).get("hang.cpus1");
        assertEquals("error: timed out after 3 s (no result line; QEMU was killed and the remaining cases run in a new boot)",
                cases.get("sleeps_forever"));
        assertEquals("pass", cases.get("after"));
        assertTrue(Files.readString(xml).contains("type=\"timeout\""), Files.readString(xml));
    }

    /** XML specials in a message and control characters on the serial line still give a report an XML parser reads. */
    @Test
    void messagesWithXmlSpecialsSurviveTheReport() throws Exception {
        Path dir = project("xml", """
                #include <ruedo_test.h>

                KTEST(quotes) { printk("bell \\a escape \\x1b[0m\\n"); KASSERT(1 > 2, "<a> & \\"b\\" 'c'"); }

                int main(void)
                {
                    return ktest_run_all();
                }
                """);
        Path xml = tmp.resolve("xml.xml");
        Cli r = ruedo("test", dir.toString(), "--junit", xml.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL quotes: 1 > 2: <a> & \"b\" 'c' at " + dir.resolve("main.c") + ":3\n"), r.out());
        assertEquals(Map.of("quotes", "failure: 1 > 2: <a> & \"b\" 'c'"), readJUnit(xml).get("xml.cpus1"));
        assertTrue(Files.readString(xml).contains("bell  escape [0m"), "control characters left out of system-out");
    }

    @Test
    void badOptionsAreRefusedBeforeBuilding() throws Exception {
        Path dir = project("opts", FIVE);
        String[][] bad = { { "--cpus", "9" }, { "--cpus", "1,,2" }, { "--timeout", "0" }, { "--filter", "a b" }, { "--junit" } };
        String[] msg = { "ruedo test: --cpus values must be 1..8\n", "ruedo test: --cpus needs numbers separated by commas, e.g. 1,2,4\n",
                "ruedo test: --timeout must be 1..86400 seconds\n",
                "ruedo test: --filter takes a case-name glob: letters, digits, '_', '*' and '?'\n", "ruedo test: --junit needs a value\n" };
        for (int i = 0; i < bad.length; i++) {
            List<String> argv = new ArrayList<>(List.of("test", dir.toString()));
            argv.addAll(List.of(bad[i]));
            Cli r = ruedo(argv.toArray(String[]::new));
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(msg[i], r.err());
        }
        assertFalse(Files.exists(dir.resolve("build")), "nothing built");
    }
}
