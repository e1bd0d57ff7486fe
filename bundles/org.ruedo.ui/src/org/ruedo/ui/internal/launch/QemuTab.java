package org.ruedo.ui.internal.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
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
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.QemuLauncher;

/** QEMU tab: binary, memory, CPUs (0 = from the manifest), extra arguments, build before launch. */
public class QemuTab extends AbstractLaunchConfigurationTab {
    private Text qemu;
    private Spinner memory;
    private Spinner cpus;
    private Text extra;
    private Button buildFirst;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("QEMU binary:");
        qemu = new Text(c, SWT.BORDER);
        qemu.setMessage("qemu-system-x86_64 from preferences or PATH");
        qemu.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(c, SWT.NONE).setText("Memory (MiB, 0 = manifest):");
        memory = new Spinner(c, SWT.BORDER);
        memory.setValues(0, 0, 4096, 0, 16, 64);
        new Label(c, SWT.NONE).setText("CPUs (0 = manifest):");
        cpus = new Spinner(c, SWT.BORDER);
        cpus.setValues(0, 0, 8, 0, 1, 1);
        new Label(c, SWT.NONE).setText("Extra QEMU arguments:");
        extra = new Text(c, SWT.BORDER);
        extra.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        buildFirst = new Button(c, SWT.CHECK);
        buildFirst.setText("Build before launch");
        buildFirst.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        qemu.addModifyListener(e -> updateLaunchConfigurationDialog());
        memory.addModifyListener(e -> updateLaunchConfigurationDialog());
        cpus.addModifyListener(e -> updateLaunchConfigurationDialog());
        extra.addModifyListener(e -> updateLaunchConfigurationDialog());
        buildFirst.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        setControl(c);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(LaunchConstants.ATTR_QEMU, "");
        c.setAttribute(LaunchConstants.ATTR_MEMORY, 0);
        c.setAttribute(LaunchConstants.ATTR_CPUS, 0);
        c.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, "");
        c.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, true);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration c) {
        try {
            qemu.setText(c.getAttribute(LaunchConstants.ATTR_QEMU, ""));
            memory.setSelection(c.getAttribute(LaunchConstants.ATTR_MEMORY, 0));
            cpus.setSelection(c.getAttribute(LaunchConstants.ATTR_CPUS, 0));
            extra.setText(c.getAttribute(LaunchConstants.ATTR_EXTRA_ARGS, ""));
            buildFirst.setSelection(c.getAttribute(LaunchConstants.ATTR_BUILD_FIRST, true));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(LaunchConstants.ATTR_QEMU, qemu.getText().trim());
        c.setAttribute(LaunchConstants.ATTR_MEMORY, memory.getSelection());
        c.setAttribute(LaunchConstants.ATTR_CPUS, cpus.getSelection());
        c.setAttribute(LaunchConstants.ATTR_EXTRA_ARGS, extra.getText().trim());
        c.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, buildFirst.getSelection());
    }

    @Override
    public boolean isValid(ILaunchConfiguration c) {
        setErrorMessage(null);
        String q = qemu.getText().trim();
        if (!q.isEmpty() && !Files.isExecutable(Path.of(q))) {
            setErrorMessage("QEMU binary " + q + " is not an executable file (Debian package qemu-system-x86).");
            return false;
        }
        if (memory.getSelection() != 0 && memory.getSelection() < 16) {
            setErrorMessage("Memory must be 0 (from the manifest) or at least 16 MiB.");
            return false;
        }
        String bad = extraArgsError(extra.getText());
        if (bad != null) {
            setErrorMessage(bad);
            return false;
        }
        return true;
    }

    /**
     * Why the extra arguments would be refused at launch ({@link QemuCommand#checkUserArgs}: no -s, -gdb,
     * or endpoint off 127.0.0.1), or null. Parsed as the launch parses them; variables are expanded when
     * they can be (an unknown variable is the launch's error, the raw text is checked then).
     */
    static String extraArgsError(String text) {
        List<String> args;
        try {
            args = QemuLauncher.splitArgs(text);
        } catch (CoreException e) {
            args = List.of(DebugPlugin.parseArguments(text));
        }
        return QemuCommand.userArgsError(args);
    }

    @Override
    public String getName() {
        return "QEMU";
    }
}
