package org.ruedo.ui.internal.launch;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.launch.LaunchConstants;

/** Main tab: the unikernel project and (optionally) the image to boot. */
public class MainTab extends AbstractLaunchConfigurationTab {
    private Combo project;
    private Text image;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("Project:");
        project = new Combo(c, SWT.DROP_DOWN);
        project.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (RuedoProjects.isRuedoProject(p)) {
                project.add(p.getName());
            }
        }
        project.addModifyListener(e -> updateLaunchConfigurationDialog());
        new Label(c, SWT.NONE).setText("Image:");
        image = new Text(c, SWT.BORDER);
        image.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        image.setMessage("build/<name>.img from unikernel.toml");
        image.addModifyListener(e -> updateLaunchConfigurationDialog());
        setControl(c);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(LaunchConstants.ATTR_PROJECT, "");
        c.setAttribute(LaunchConstants.ATTR_IMAGE, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration c) {
        try {
            project.setText(c.getAttribute(LaunchConstants.ATTR_PROJECT, ""));
            image.setText(c.getAttribute(LaunchConstants.ATTR_IMAGE, ""));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(LaunchConstants.ATTR_PROJECT, project.getText().trim());
        c.setAttribute(LaunchConstants.ATTR_IMAGE, image.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration c) {
        setErrorMessage(null);
        String name = project.getText().trim();
        if (name.isEmpty()) {
            setErrorMessage("Choose a unikernel project.");
            return false;
        }
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!p.exists()) {
            setErrorMessage("Project '" + name + "' does not exist.");
            return false;
        }
        if (!p.getFile("unikernel.toml").exists()) {
            setErrorMessage("Project '" + name + "' has no unikernel.toml.");
            return false;
        }
        String img = image.getText().trim();
        if (!img.isEmpty()) {
            java.nio.file.Path path = java.nio.file.Path.of(img);
            java.nio.file.Path abs = path.isAbsolute() || p.getLocation() == null ? path : p.getLocation().toPath().resolve(path);
            if (!java.nio.file.Files.isRegularFile(abs)) {
                setErrorMessage("Image " + abs + " does not exist. Leave the field empty to boot the image the build makes.");
                return false;
            }
        }
        return true;
    }

    @Override
    public String getName() {
        return "Main";
    }
}
