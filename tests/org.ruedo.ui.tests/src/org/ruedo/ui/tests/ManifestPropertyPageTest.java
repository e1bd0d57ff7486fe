package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruedo.core.manifest.ProjectManifest;

/** The Unikernel property page of a project through its widgets: what it writes into unikernel.toml, and what it never overwrites. */
class ManifestPropertyPageTest {
    private IProject project;

    @AfterEach
    void tearDown() throws Exception {
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    @Test
    void manifestPropertyPageWritesUnikernelToml() throws Exception {
        project = UiFixtures.newProject("propdemo");
        Shell shell = openManifestPage();
        Text name = Finder.field(shell, "Image name:", Text.class);
        assertEquals("propdemo", name.getText());
        Finder.type(name, "bad name");
        assertTrue(!Finder.button(shell, "Apply and Close").isEnabled(), "an image name with a space is refused");
        Finder.type(name, "propdemo");
        assertTrue(Finder.button(shell, "Apply and Close").isEnabled());
        Spinner cpus = Finder.field(shell, "CPUs:", Spinner.class);
        assertEquals(1, cpus.getSelection());
        cpus.setSelection(4);
        // one flag per line: a flag may hold a quoted space
        Finder.type(Finder.field(shell, "App C flags (one per line):", Text.class), "-O1\n-DMSG=\"a b\"\n\n");
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "dialog closed");
        String toml = Files.readString(project.getLocation().toPath().resolve("unikernel.toml"));
        assertTrue(toml.contains("cpus = 4"), toml);
        assertTrue(toml.contains("cflags = [\"-O1\", \"-DMSG=\\\"a b\\\"\"]"), toml);
        assertTrue(toml.contains("#"), "comments kept");
        assertEquals(List.of("-O1", "-DMSG=\"a b\""), ProjectManifest.load(project.getLocation().toPath()).cflags());

        // opened again, the page shows the flags one per line, as they are in the file
        Shell again = openManifestPage();
        assertEquals("-O1\n-DMSG=\"a b\"", Finder.field(again, "App C flags (one per line):", Text.class).getText());
        Finder.click(Finder.button(again, "Cancel"));
    }

    private Shell openManifestPage() {
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog d = PreferencesUtil.createPropertyDialogOn(parent, project, "org.ruedo.ui.properties.manifest", null, null);
        d.setBlockOnOpen(false);
        d.open();
        return d.getShell();
    }

    private void writeManifest(String text) throws Exception {
        Files.writeString(project.getLocation().toPath().resolve("unikernel.toml"), text);
        project.getFile("unikernel.toml").refreshLocal(IResource.DEPTH_ZERO, null);
    }

    @Test
    void manifestThatDoesNotParseIsShownAndNeverOverwritten() throws Exception {
        project = UiFixtures.newProject("brokenprop");
        Path file = project.getLocation().toPath().resolve("unikernel.toml");
        String good = Files.readString(file);
        int cpusLine = Arrays.asList(good.split("\n", -1)).indexOf("cpus = 1") + 1;
        assertTrue(cpusLine > 0, good);
        String broken = good.replace("cpus = 1", "cpus = lots   # a typo");
        writeManifest(broken);
        byte[] before = Files.readAllBytes(file);

        Shell shell = openManifestPage();
        String where = "unikernel.toml:" + cpusLine + ": ";
        assertTrue(Finder.showsText(shell, where), "the parse error is shown on the page:\n" + Finder.dump());
        Finder.screenshot(shell, "manifest-broken");
        Text name = Finder.field(shell, "Image name:", Text.class);
        assertEquals("", name.getText());
        assertFalse(name.isEnabled(), "nothing to edit while the manifest does not parse");
        assertFalse(Finder.field(shell, "Memory (MiB):", Spinner.class).isEnabled());
        assertFalse(Finder.field(shell, "App C flags (one per line):", Text.class).isEnabled());
        Finder.click(Finder.button(shell, "Apply"));
        assertArrayEquals(before, Files.readAllBytes(file), "Apply wrote nothing");
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "dialog closed");
        assertArrayEquals(before, Files.readAllBytes(file), "OK wrote nothing: the file is byte-identical");

        // fixed by hand, the page edits it again
        writeManifest(good);
        Shell fixed = openManifestPage();
        assertEquals("brokenprop", Finder.field(fixed, "Image name:", Text.class).getText());
        assertFalse(Finder.showsText(fixed, "unikernel.toml:"), Finder.dump());
        Finder.click(Finder.button(fixed, "Cancel"));
    }

    @Test
    void memoryRoundTripsAndUnchangedValuesAreNotRewritten() throws Exception {
        project = UiFixtures.newProject("memprop");
        Path file = project.getLocation().toPath().resolve("unikernel.toml");
        // 200 is not a multiple of the spinner's 16 MiB step: still shown and kept as it is
        writeManifest(Files.readString(file).replace("memory = 128", "memory = 200  # MiB"));
        byte[] before = Files.readAllBytes(file);

        Shell shell = openManifestPage();
        Spinner memory = Finder.field(shell, "Memory (MiB):", Spinner.class);
        assertEquals(200, memory.getSelection());
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "dialog closed");
        assertArrayEquals(before, Files.readAllBytes(file), "OK with nothing changed leaves the file as it was");

        shell = openManifestPage();
        memory = Finder.field(shell, "Memory (MiB):", Spinner.class);
        memory.setSelection(1024);
        memory.notifyListeners(org.eclipse.swt.SWT.Modify, new Event());
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "dialog closed");
        String toml = Files.readString(file);
        assertEquals(new String(before, java.nio.charset.StandardCharsets.UTF_8).replace("memory = 200", "memory = 1024"), toml,
                "only the memory line changed, its comment kept");
        assertEquals(1024, ProjectManifest.load(project.getLocation().toPath()).memoryMiB());

        shell = openManifestPage();
        assertEquals(1024, Finder.field(shell, "Memory (MiB):", Spinner.class).getSelection());
        Finder.click(Finder.button(shell, "Cancel"));
    }
}
