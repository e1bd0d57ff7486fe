package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruedo.ui.internal.preferences.ToolsPreferencePage;

/** The Ruedo tool preference page through its widgets: Detect, validation, Apply, and the gcc the builder then runs. */
class ToolPreferencesTest {
    private IProject project;

    @AfterEach
    void tearDown() throws Exception {
        if (project != null) {
            project.delete(true, true, null);
        }
    }


    @Test
    void toolPreferencesDetectAndValidate() throws Exception {
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog d = PreferencesUtil.createPreferenceDialogOn(parent, ToolsPreferencePage.ID, null, null);
        d.setBlockOnOpen(false);
        d.open();
        var node = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode(org.ruedo.core.resources.ToolchainPreferences.NODE);
        try {
            Shell shell = d.getShell();
            Finder.click(Finder.button(shell, "Detect"));
            Text gcc = Finder.field(shell, "gcc:", Text.class);
            Text qemu = Finder.field(shell, "qemu-system-x86_64:", Text.class);
            assertTrue(Files.isExecutable(java.nio.file.Path.of(gcc.getText())), gcc.getText());
            assertTrue(qemu.getText().endsWith("/qemu-system-x86_64"), qemu.getText());
            Finder.screenshot(shell, "preferences");
            // Apply stores the paths where the builder and the launchers read them
            Finder.click(Finder.button(shell, "Apply"));
            assertEquals(gcc.getText(), node.get("tool.gcc", ""));
            assertEquals(qemu.getText(), node.get("tool.qemu", ""));
            assertEquals(java.nio.file.Path.of(gcc.getText()),
                    org.ruedo.core.resources.ToolchainPreferences.toolchain().find(org.ruedo.core.toolchain.Tool.GCC).orElseThrow());
            shell.setSize(1400, 700);   // wide enough that the dialog does not shorten the message with an ellipsis
            Finder.type(qemu, "/nonexistent/qemu");
            try {
                Finder.waitUntil(() -> Finder.showsText(shell, "is not an executable file (Debian package qemu-system-x86)"), 10, "validation");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; shells:\n" + Finder.dump());
            }
            assertTrue(!Finder.button(shell, "Apply and Close").isEnabled(), "cannot save an invalid path");
            Finder.click(Finder.button(shell, "Cancel"));
            assertTrue(node.get("tool.qemu", "").endsWith("/qemu-system-x86_64"), "the invalid path was not saved: " + node.get("tool.qemu", ""));
        } finally {
            for (String k : new String[] { "tool.gcc", "tool.ld", "tool.qemu", "tool.gdb" }) {
                node.remove(k);   // a new user's preferences again, whatever failed above
            }
            node.flush();
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
}
