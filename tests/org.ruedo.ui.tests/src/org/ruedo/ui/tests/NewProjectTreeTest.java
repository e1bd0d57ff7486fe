package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.cli.Main;
import org.ruedo.ui.internal.wizards.NewUnikernelProjectWizard;

/**
 * Issue 17: File &gt; New &gt; Unikernel Project (its Finish: NewUnikernelProjectWizard.create, from the kernel template
 * bundle) and {@code ruedo new} (from the repository's kernel/) make the same tree for every template: the same files
 * with the same bytes and executable bits. The wizard also builds (build/ is left out of the comparison).
 */
class NewProjectTreeTest {
    @TempDir
    Path tmp;
    private final List<IProject> made = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (IProject p : made) {
            p.delete(false, true, null);
        }
    }

    @Test
    void wizardAndRuedoNewMakeTheSameTree() throws Exception {
        for (String template : List.of("hello", "multicore", "tests")) {
            String name = "same-" + template;
            Path wiz = tmp.resolve("wizard/" + name);
            IProject p = NewUnikernelProjectWizard.create(name, wiz.toUri(), template, 3, new NullProgressMonitor());
            made.add(p);
            Path cli = tmp.resolve("cli/" + name);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertEquals(0, Main.run(new String[] { "new", cli.toString(), "--template", template, "--cpus", "3" }, ps, ps), out.toString());
            List<String> w = tree(wiz);
            List<String> c = tree(cli);
            assertEquals(w, c, template + ": the same files");
            assertTrue(w.contains("kernel/sched/migrate.c") && w.contains("unikernel.toml") && w.contains(".project"), w.toString());
            for (String f : w) {
                assertArrayEquals(Files.readAllBytes(wiz.resolve(f)), Files.readAllBytes(cli.resolve(f)), template + ": " + f);
                assertEquals(Files.isExecutable(wiz.resolve(f)), Files.isExecutable(cli.resolve(f)), template + ": " + f + " executable");
            }
            assertTrue(Files.readString(cli.resolve("unikernel.toml")).contains("cpus = 3"), "the CPU count in both");
            assertTrue(Files.isRegularFile(wiz.resolve("build/" + name + ".img")), "the wizard built it");
        }
    }

    /** Every file under dir but build/, relative, sorted. */
    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).filter(f -> !f.startsWith("build/")).sorted().toList();
        }
    }
}
