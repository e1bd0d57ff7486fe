package org.ruedo.ui.internal.launch;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.launch.LaunchConstants;

/** Debugger tab: gdbstub in run mode, its port (0 = any free port), stop at main, gdb binary. */
public class DebuggerTab extends AbstractLaunchConfigurationTab {
    private Button gdbstub;
    private Spinner port;
    private Button stopAtMain;
    private Text gdb;
    private Button record;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        gdbstub = new Button(c, SWT.CHECK);
        gdbstub.setText("Enable the gdbstub in Run mode too (always on in Debug mode)");
        gdbstub.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        new Label(c, SWT.NONE).setText("gdbstub port on 127.0.0.1 (0 = free port):");
        port = new Spinner(c, SWT.BORDER);
        port.setValues(0, 0, 65535, 0, 1, 100);
        stopAtMain = new Button(c, SWT.CHECK);
        stopAtMain.setText("Stop at main");
        stopAtMain.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        new Label(c, SWT.NONE).setText("gdb binary:");
        gdb = new Text(c, SWT.BORDER);
        gdb.setMessage("gdb from preferences or PATH");
        gdb.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        record = new Button(c, SWT.CHECK);
        record.setText("Record this run for reverse debugging (1 CPU; debug the recording to step back)");
        record.setToolTipText("QEMU record/replay into build/<name>.replay; unchecked: [run] record of unikernel.toml");
        record.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        record.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        gdbstub.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        stopAtMain.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        port.addModifyListener(e -> updateLaunchConfigurationDialog());
        gdb.addModifyListener(e -> updateLaunchConfigurationDialog());
        setControl(c);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(LaunchConstants.ATTR_GDBSTUB, false);
        c.setAttribute(LaunchConstants.ATTR_GDB_PORT, 0);
        c.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, true);
        c.setAttribute(DebugLaunchKeys.ATTR_GDB, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration c) {
        try {
            gdbstub.setSelection(c.getAttribute(LaunchConstants.ATTR_GDBSTUB, false));
            port.setSelection(c.getAttribute(LaunchConstants.ATTR_GDB_PORT, 0));
            stopAtMain.setSelection(c.getAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, true));
            gdb.setText(c.getAttribute(DebugLaunchKeys.ATTR_GDB, ""));
            record.setSelection(c.getAttribute(LaunchConstants.ATTR_RECORD, false));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(LaunchConstants.ATTR_GDBSTUB, gdbstub.getSelection());
        c.setAttribute(LaunchConstants.ATTR_GDB_PORT, port.getSelection());
        c.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, stopAtMain.getSelection());
        c.setAttribute(DebugLaunchKeys.ATTR_GDB, gdb.getText().trim());
        if (record.getSelection()) {
            c.setAttribute(LaunchConstants.ATTR_RECORD, true);
        } else {
            c.removeAttribute(LaunchConstants.ATTR_RECORD);     // the manifest's [run] record decides
        }
    }

    @Override
    public boolean isValid(ILaunchConfiguration c) {
        setErrorMessage(null);
        if (port.getSelection() != 0 && port.getSelection() < 1024) {
            setErrorMessage("Use a port of 1024 or above, or 0 for any free port.");
            return false;
        }
        String g = gdb.getText().trim();
        if (!g.isEmpty() && !Files.isExecutable(Path.of(g))) {
            setErrorMessage("gdb binary " + g + " is not an executable file (Debian package gdb).");
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "Debugger";
    }
}
