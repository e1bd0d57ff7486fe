package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.ui.internal.launch.UnikernelLaunchShortcut;

/** The launch configuration tabs (Main, QEMU, Debugger) through their widgets: fields, validation messages, Apply. */
class LaunchTabsTest {
    private IProject project;

    @AfterEach
    void tearDown() throws Exception {
        if (project != null) {
            project.delete(true, true, null);
        }
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
        Finder.waitUntil(() -> Finder.shellTitled("Run Configurations") != null, 30, "Run Configurations dialog");
        Shell shell = Finder.shellTitled("Run Configurations");
        CTabFolder tabs = Finder.find(shell, CTabFolder.class, f -> f.getItemCount() >= 4);
        assertEquals(Arrays.asList("Main", "QEMU", "Debugger", "Common"),
                Arrays.stream(tabs.getItems()).map(CTabItem::getText).toList().subList(0, 4));
        Combo projectField = Finder.field(shell, "Project:", Combo.class);
        assertEquals("tabsdemo", projectField.getText());
        Finder.screenshot(shell, "launch-tabs");

        projectField.setText("");
        Finder.waitUntil(() -> Finder.showsText(shell, "Choose a unikernel project."), 10, "Main tab validation message");
        projectField.setText("no-such-project");
        Finder.waitUntil(() -> Finder.showsText(shell, "Project 'no-such-project' does not exist."), 10, "missing project message");
        projectField.setText("tabsdemo");

        tabs.setSelection(1);
        tabs.notifyListeners(org.eclipse.swt.SWT.Selection, selectionOf(tabs.getItem(1)));
        Finder.pump(200);
        Text qemu = Finder.field(shell, "QEMU binary:", Text.class);
        Finder.type(qemu, "/nonexistent/qemu");
        Finder.waitUntil(() -> Finder.showsText(shell, "is not an executable file (Debian package qemu-system-x86)"), 10, "QEMU tab validation");
        Finder.type(qemu, "");
        // extra arguments: no gdbstub and no endpoint off 127.0.0.1, the launch's own check (docs/CONTRACTS.md §4)
        Text extra = Finder.field(shell, "Extra QEMU arguments:", Text.class);
        Finder.type(extra, "-name demo --gdb=tcp::1234");   // (-m is refused too now: --mem sets the memory)
        Finder.waitUntil(() -> Finder.showsText(shell, "QEMU argument '--gdb=tcp::1234' is refused: -gdb opens a gdbstub Ruedo does not control."),
                10, "QEMU tab refuses --gdb");
        assertTrue(!Finder.button(shell, "Run").isEnabled(), "a gdbstub in the extra arguments cannot be launched");
        Finder.type(extra, "-name \"a b\" -s");
        Finder.waitUntil(() -> Finder.showsText(shell, "QEMU argument '-s' is refused: -s opens a gdbstub on every network interface"), 10,
                "QEMU tab refuses -s at the end");
        Finder.type(extra, "-monitor telnet::4444,server,nowait");
        Finder.waitUntil(() -> Finder.showsText(shell, "its telnet endpoint has no host, so it listens on every network interface"), 10,
                "QEMU tab refuses an endpoint on every interface");
        Finder.type(extra, "-monitor telnet:127.0.0.1:4444,server,nowait -S");
        Finder.waitUntil(() -> !Finder.showsText(shell, "is refused") && Finder.button(shell, "Run").isEnabled(), 10,
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
        Finder.waitUntil(() -> Finder.showsText(shell, "Use a port of 1024 or above, or 0 for any free port."), 10, "Debugger tab validation");
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
}
