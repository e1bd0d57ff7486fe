package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.core.tests.Cli.ruedo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: {@code ruedo new} makes a project of each template that builds and runs; bad input writes nothing. */
class CliNewCommandTest {
    @TempDir
    Path tmp;



    @Test
    void everyTemplateMakesAProjectThatRuns() throws Exception {
        for (String t : List.of("hello", "multicore")) {
            Path dir = tmp.resolve("new-" + t);
            Cli c = ruedo("new", dir.toString(), "--template", t, "--cpus", "2");
            assertEquals(0, c.code(), c.out() + c.err());
            assertEquals("ruedo: created " + dir + " (template " + t + ", 2 CPU(s))\nnext: ./ruedo run " + dir + "\n", c.out());
            assertTrue(Files.isRegularFile(dir.resolve("kernel/kernel.toml")), "the kernel copied in");
            assertTrue(Files.isRegularFile(dir.resolve("main.c")));
            String toml = Files.readString(dir.resolve("unikernel.toml"));
            assertTrue(toml.contains("name = \"new-" + t + "\"") && toml.contains("kernel = \"kernel\"") && toml.contains("cpus = 2"), toml);
            Cli run = ruedo("run", dir.toString(), "--timeout", "120");
            assertEquals(0, run.code(), run.out() + run.err());
            assertTrue(run.out().contains("2 CPU(s)"), run.out());
        }
        // the tests template: ruedo test shows its cases, one failing on purpose (stack.c's bug); ruedo run exits with the failure count
        Path dir = tmp.resolve("mytests");
        Cli c = ruedo("new", dir.toString(), "--template", "tests", "--name", "my tests");
        assertEquals(0, c.code(), c.out() + c.err());
        assertEquals("ruedo: created " + dir + " (template tests, 1 CPU(s))\nnext: ./ruedo test " + dir + "\n", c.out());
        assertTrue(Files.readString(dir.resolve("unikernel.toml")).contains("name = \"my_tests\""), "the manifest name: letters, digits, _ . -");
        assertTrue(Files.readString(dir.resolve(".project")).contains("\t<name>my tests</name>\n"), "the Eclipse project name as given");
        Cli test = ruedo("test", dir.toString());
        assertEquals(1, test.code(), test.out() + test.err());
        assertTrue(test.out().contains("FAIL sum_adds_every_item: stack_sum(&s) == 6: sum of 1, 2, 3 is 5 at " + dir.resolve("main.c") + ":"),
                test.out());
        assertTrue(test.out().endsWith("\n3 passed, 1 failed\n"), test.out());
        Cli run = ruedo("run", dir.toString(), "--timeout", "120");
        assertEquals(1, run.code(), run.out() + run.err());
        // fix the bug the template carries: every case passes
        Path stack = dir.resolve("stack.c");
        Files.writeString(stack, Files.readString(stack).replace("for (int i = 1; i < s->depth; i++)", "for (int i = 0; i < s->depth; i++)"));
        Cli fixed = ruedo("test", dir.toString());
        assertEquals(0, fixed.code(), fixed.out() + fixed.err());
        assertTrue(fixed.out().endsWith("\n4 passed, 0 failed\n"), fixed.out());
    }

    @Test
    void aNonEmptyDirectoryOrAnUnknownTemplateIsRefusedAndNothingIsWritten() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(dir.resolve("notes.txt"), "mine\n");
        Cli c = ruedo("new", dir.toString());
        assertEquals(2, c.code(), c.out() + c.err());
        assertEquals("ruedo new: " + dir + " is not empty; choose a new or empty directory (nothing was written)\n", c.err());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("notes.txt")), s.toList());
        }
        Path fresh = tmp.resolve("fresh");
        Cli t = ruedo("new", fresh.toString(), "--template", "crash");
        assertEquals(2, t.code());
        assertEquals("ruedo new: unknown template 'crash' (choose one of: hello, multicore, tests)\n", t.err());
        assertEquals("ruedo new: --cpus must be 1..8\n", ruedo("new", fresh.toString(), "--cpus", "9").err());
        assertFalse(Files.exists(fresh), "nothing written");
        // an empty directory is fine
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, ruedo("new", empty.toString()).code());
        assertTrue(Files.isRegularFile(empty.resolve("unikernel.toml")));
    }
}
