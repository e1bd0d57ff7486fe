package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;

import org.eclipse.core.resources.IProject;
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
import org.ruedo.launch.LaunchConstants;
import org.ruedo.ui.internal.launch.UnikernelLaunchShortcut;
import org.ruedo.ui.internal.preferences.ToolsPreferencePage;

/** The launch configuration tabs, the tool preference page and the manifest property page, through their widgets. */
class DialogsTest {
    private IProject project;

    @AfterEach
    void tearDown() throws Exception {
        for (Shell s : Finder.display().getShells()) {
            if (s != PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell() && !s.isDisposed() && s.isVisible()) {
                s.close();
            }
        }
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
        Finder.type(qemu, "/nonexistent/qemu");
        qemu.notifyListeners(org.eclipse.swt.SWT.FocusOut, new Event());   // the user tabs to the next field
        // the dialog shows the page's error message (shortened to fit): check the page's full text
        org.eclipse.jface.preference.PreferencePage page = (org.eclipse.jface.preference.PreferencePage) d.getSelectedPage();
        Finder.waitUntil(() -> page.getErrorMessage() != null
                && page.getErrorMessage().contains("/nonexistent/qemu is not an executable file (Debian package qemu-system-x86)"), 10,
                "validation message");
        assertTrue(showsText(shell, "qemu-system-x86"), "shown in the dialog");
        assertTrue(!Finder.button(shell, "Apply and Close").isEnabled(), "cannot save an invalid path");
        Finder.click(Finder.button(shell, "Cancel"));
    }

    @Test
    void manifestPropertyPageWritesUnikernelToml() throws Exception {
        project = UiFixtures.newProject("propdemo");
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog d = PreferencesUtil.createPropertyDialogOn(parent, project, "org.ruedo.ui.properties.manifest", null, null);
        d.setBlockOnOpen(false);
        d.open();
        Shell shell = d.getShell();
        Spinner cpus = Finder.field(shell, "CPUs:", Spinner.class);
        assertEquals(1, cpus.getSelection());
        cpus.setSelection(4);
        Finder.type(Finder.field(shell, "App C flags:", Text.class), "-O1 -DDEMO");
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "dialog closed");
        String toml = Files.readString(project.getLocation().toPath().resolve("unikernel.toml"));
        assertTrue(toml.contains("cpus = 4"), toml);
        assertTrue(toml.contains("cflags = [\"-O1\", \"-DDEMO\"]"), toml);
        assertTrue(toml.contains("#"), "comments kept");
    }
}
