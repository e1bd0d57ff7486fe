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
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.ui.internal.launch.UnikernelLaunchShortcut;
import org.ruedo.ui.internal.preferences.ToolsPreferencePage;

/** The launch configuration tabs, the tool preference page and the manifest property page, through their widgets. */
class DialogsTest {
    private IProject project;

    @AfterEach
    void tearDown() throws Exception {
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    private static boolean showsText(Shell shell, String text) {
        for (Control c : Finder.all(shell, Control.class)) {
            String t = c instanceof Text x ? x.getText() : c instanceof org.eclipse.swt.widgets.Label l ? l.getText()
                    : c instanceof org.eclipse.swt.custom.CLabel cl ? cl.getText() : null;
            if (t != null && t.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static Shell shellTitled(String title) {
        for (Shell s : Finder.display().getShells()) {
            if (!s.isDisposed() && s.isVisible() && s.getText().equals(title)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void launchTabsShowTheirFieldsAndValidate() throws Exception {
        project = UiFixtures.newProject("tabsdemo");
        ILaunchConfiguration config = UnikernelLaunchShortcut.configFor(project);
        // the dialog DebugUITools.openLaunchConfigurationDialogOnGroup opens, without blocking this (UI) thread
        var group = org.eclipse.debug.internal.ui.DebugUIPlugin.getDefault().getLaunchConfigurationManager()
                .getLaunchGroup(IDebugUIConstants.ID_RUN_LAUNCH_GROUP);
        var dialog = new org.eclipse.debug.internal.ui.launchConfigurations.LaunchConfigurationsDialog(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), group);
        dialog.setOpenMode(org.eclipse.debug.internal.ui.launchConfigurations.LaunchConfigurationsDialog.LAUNCH_CONFIGURATION_DIALOG_OPEN_ON_SELECTION);
        dialog.setInitialSelection(new StructuredSelection(config));
        dialog.setBlockOnOpen(false);
        dialog.open();
        Finder.waitUntil(() -> shellTitled("Run Configurations") != null, 30, "Run Configurations dialog");
        Shell shell = shellTitled("Run Configurations");
        CTabFolder tabs = Finder.find(shell, CTabFolder.class, f -> f.getItemCount() >= 4);
        assertEquals(Arrays.asList("Main", "QEMU", "Debugger", "Common"),
                Arrays.stream(tabs.getItems()).map(CTabItem::getText).toList().subList(0, 4));
        Combo projectField = Finder.field(shell, "Project:", Combo.class);
        assertEquals("tabsdemo", projectField.getText());
        Finder.screenshot(shell, "launch-tabs");

        projectField.setText("");
        Finder.waitUntil(() -> showsText(shell, "Choose a unikernel project."), 10, "Main tab validation message");
        projectField.setText("no-such-project");
        Finder.waitUntil(() -> showsText(shell, "Project 'no-such-project' does not exist."), 10, "missing project message");
        projectField.setText("tabsdemo");

        tabs.setSelection(1);
        tabs.notifyListeners(org.eclipse.swt.SWT.Selection, selectionOf(tabs.getItem(1)));
        Finder.pump(200);
        Text qemu = Finder.field(shell, "QEMU binary:", Text.class);
        Finder.type(qemu, "/nonexistent/qemu");
        Finder.waitUntil(() -> showsText(shell, "is not an executable file (Debian package qemu-system-x86)"), 10, "QEMU tab validation");
        Finder.type(qemu, "");
        // extra arguments: no gdbstub and no endpoint off 127.0.0.1, the launch's own check (docs/CONTRACTS.md §4)
        Text extra = Finder.field(shell, "Extra QEMU arguments:", Text.class);
        Finder.type(extra, "-m 64 --gdb=tcp::1234");
        Finder.waitUntil(() -> showsText(shell, "QEMU argument '--gdb=tcp::1234' is refused: -gdb opens a gdbstub Ruedo does not control."),
                10, "QEMU tab refuses --gdb");
        assertTrue(!Finder.button(shell, "Run").isEnabled(), "a gdbstub in the extra arguments cannot be launched");
        Finder.type(extra, "-name \"a b\" -s");
        Finder.waitUntil(() -> showsText(shell, "QEMU argument '-s' is refused: -s opens a gdbstub on every network interface"), 10,
                "QEMU tab refuses -s at the end");
        Finder.type(extra, "-monitor telnet::4444,server,nowait");
        Finder.waitUntil(() -> showsText(shell, "its telnet endpoint has no host, so it listens on every network interface"), 10,
                "QEMU tab refuses an endpoint on every interface");
        Finder.type(extra, "-monitor telnet:127.0.0.1:4444,server,nowait -S");
        Finder.waitUntil(() -> !showsText(shell, "is refused") && Finder.button(shell, "Run").isEnabled(), 10,
                "a loopback endpoint is accepted");
        Finder.type(extra, "");
        Spinner cpus = Finder.field(shell, "CPUs (0 = manifest):", Spinner.class);
        cpus.setSelection(3);
        cpus.notifyListeners(org.eclipse.swt.SWT.Modify, new Event());
        Finder.pump(200);
        Finder.click(Finder.button(shell, "Apply"));
        Finder.waitUntil(() -> {
            try {
                return UnikernelLaunchShortcut.configFor(project).getAttribute(LaunchConstants.ATTR_CPUS, 0) == 3;
            } catch (Exception e) {
                return false;
            }
        }, 10, "CPUs applied to the configuration");

        tabs.setSelection(2);
        tabs.notifyListeners(org.eclipse.swt.SWT.Selection, selectionOf(tabs.getItem(2)));
        Finder.pump(200);
        Spinner port = Finder.field(shell, "gdbstub port on 127.0.0.1 (0 = free port):", Spinner.class);
        port.setSelection(80);
        port.notifyListeners(org.eclipse.swt.SWT.Modify, new Event());
        Finder.waitUntil(() -> showsText(shell, "Use a port of 1024 or above, or 0 for any free port."), 10, "Debugger tab validation");
        assertTrue(!Finder.button(shell, "Run").isEnabled(), "an invalid port cannot be launched");
        port.setSelection(0);
        port.notifyListeners(org.eclipse.swt.SWT.Modify, new Event());
        Finder.pump(200);
        Finder.click(Finder.button(shell, "Close"));
    }

    private static Event selectionOf(CTabItem item) {
        Event e = new Event();
        e.item = item;
        return e;
    }

    @Test
    void toolPreferencesDetectAndValidate() throws Exception {
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog d = PreferencesUtil.createPreferenceDialogOn(parent, ToolsPreferencePage.ID, null, null);
        d.setBlockOnOpen(false);
        d.open();
        Shell shell = d.getShell();
        Finder.click(Finder.button(shell, "Detect"));
        Text gcc = Finder.field(shell, "gcc:", Text.class);
        Text qemu = Finder.field(shell, "qemu-system-x86_64:", Text.class);
        assertTrue(Files.isExecutable(java.nio.file.Path.of(gcc.getText())), gcc.getText());
        assertTrue(qemu.getText().endsWith("/qemu-system-x86_64"), qemu.getText());
        Finder.screenshot(shell, "preferences");
        // Apply stores the paths where the builder and the launchers read them
        Finder.click(Finder.button(shell, "Apply"));
        var node = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode(org.ruedo.core.resources.ToolchainPreferences.NODE);
        assertEquals(gcc.getText(), node.get("tool.gcc", ""));
        assertEquals(qemu.getText(), node.get("tool.qemu", ""));
        assertEquals(java.nio.file.Path.of(gcc.getText()),
                org.ruedo.core.resources.ToolchainPreferences.toolchain().find(org.ruedo.core.toolchain.Tool.GCC).orElseThrow());
        shell.setSize(1400, 700);   // wide enough that the dialog does not shorten the message with an ellipsis
        Finder.pump(100);
        Finder.type(qemu, "/nonexistent/qemu");
        try {
            Finder.waitUntil(() -> showsText(shell, "is not an executable file (Debian package qemu-system-x86)"), 10, "validation");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; shells:\n" + Finder.dump());
        }
        assertTrue(!Finder.button(shell, "Apply and Close").isEnabled(), "cannot save an invalid path");
        Finder.click(Finder.button(shell, "Cancel"));
        assertTrue(node.get("tool.qemu", "").endsWith("/qemu-system-x86_64"), "the invalid path was not saved: " + node.get("tool.qemu", ""));
        for (String k : new String[] { "tool.gcc", "tool.ld", "tool.qemu", "tool.gdb" }) {
            node.remove(k);
        }
    }

    @Test
    void gccSetOnThePreferencePageIsTheOneTheBuilderRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path log = tmp.resolve("gcc calls.log");
        java.nio.file.Path wrapper = tmp.resolve("my gcc");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$@\" >> '" + log + "'\nexec gcc \"$@\"\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog d = PreferencesUtil.createPreferenceDialogOn(parent, ToolsPreferencePage.ID, null, null);
        d.setBlockOnOpen(false);
        d.open();
        Shell shell = d.getShell();
        Finder.type(Finder.field(shell, "gcc:", Text.class), wrapper.toString());
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "preferences closed");
        var node = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode(org.ruedo.core.resources.ToolchainPreferences.NODE);
        try {
            project = UiFixtures.newProject("prefgcc");
            assertTrue(Files.exists(log), "the builder ran the gcc from the preferences");
            assertTrue(Files.readString(log).contains("main.c"), Files.readString(log));
            assertTrue(Files.exists(project.getLocation().toPath().resolve("build/prefgcc.img")));
        } finally {
            node.remove("tool.gcc");
            node.flush();
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
