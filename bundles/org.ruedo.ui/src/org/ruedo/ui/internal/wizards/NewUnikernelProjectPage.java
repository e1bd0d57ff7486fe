package org.ruedo.ui.internal.wizards;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** Name, location, template and CPU count of a new unikernel project, with validation. */
class NewUnikernelProjectPage extends WizardPage {
    private Text name;
    private Text location;
    private Button useDefault;
    private Combo template;
    private Spinner cpus;

    NewUnikernelProjectPage() {
        super("unikernel");
        setTitle("Unikernel Project");
        setDescription("Create a unikernel: your app and the Ruedo kernel, built into one bootable image.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        new Label(c, SWT.NONE).setText("Project name:");
        name = new Text(c, SWT.BORDER);
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        name.addModifyListener(e -> {
            if (useDefault.getSelection()) {
                location.setText(defaultLocation());
            }
            validate();
        });

        useDefault = new Button(c, SWT.CHECK);
        useDefault.setText("Use default location");
        useDefault.setSelection(true);
        useDefault.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        new Label(c, SWT.NONE).setText("Location:");
        location = new Text(c, SWT.BORDER);
        location.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        location.setEnabled(false);
        location.addModifyListener(e -> validate());
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Browse...");
        browse.setEnabled(false);
        browse.addListener(SWT.Selection, e -> {
            String d = new DirectoryDialog(getShell()).open();
            if (d != null) {
                location.setText(d);
            }
        });
        useDefault.addListener(SWT.Selection, e -> {
            location.setEnabled(!useDefault.getSelection());
            browse.setEnabled(!useDefault.getSelection());
            if (useDefault.getSelection()) {
                location.setText(defaultLocation());
            }
            validate();
        });

        new Label(c, SWT.NONE).setText("Template:");
        template = new Combo(c, SWT.READ_ONLY);
        try {
            for (String t : org.ruedo.core.project.ProjectTemplate.templates(NewUnikernelProjectWizard.TEMPLATES)) {
                template.add(t);        // the same list as `ruedo new --template`
            }
        } catch (java.io.IOException e) {
            setErrorMessage("cannot list the templates: " + e.getMessage());
        }
        template.select(Math.max(0, template.indexOf("hello")));
        template.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        template.addListener(SWT.Selection, e -> {
            cpus.setSelection(templateCpus(template.getText()));   // multicore's ping-pong needs its CPUs
            validate();
        });

        new Label(c, SWT.NONE).setText("CPUs:");
        cpus = new Spinner(c, SWT.BORDER);
        cpus.setValues(templateCpus(template.getText()), 1, 8, 0, 1, 1);
        cpus.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        setControl(c);
        location.setText(defaultLocation());
        name.setFocus();
    }

    /** The CPU count the template's own unikernel.toml asks for ({@code [run] cpus}), 1 if it names none. */
    static int templateCpus(String template) {
        try (java.io.InputStream in = org.ruedo.kernel.KernelTemplate.open("examples/" + template + "/unikernel.toml")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*cpus\\s*=\\s*(\\d+)")
                    .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return m.find() ? Math.max(1, Math.min(8, Integer.parseInt(m.group(1)))) : 1;
        } catch (java.io.IOException | NumberFormatException e) {
            return 1;
        }
    }

    private String defaultLocation() {
        return ResourcesPlugin.getWorkspace().getRoot().getLocation().append(name.getText().trim()).toOSString();
    }

    private void validate() {
        String n = name.getText().trim();
        String msg = null;
        if (n.isEmpty()) {
            msg = "Enter a project name.";
        } else {
            IStatus s = ResourcesPlugin.getWorkspace().validateName(n, org.eclipse.core.resources.IResource.PROJECT);
            if (!s.isOK()) {
                msg = s.getMessage();
            } else if (ResourcesPlugin.getWorkspace().getRoot().getProject(n).exists()) {
                msg = "A project named '" + n + "' already exists.";
            } else if (location.getText().trim().isEmpty()) {
                msg = "Enter a location.";
            } else if (!useDefault.getSelection() && locationProblem() != null) {
                msg = locationProblem();
            } else if (template.getSelectionIndex() < 0) {
                msg = "Choose a template.";
            }
        }
        if (n.isEmpty()) {
            // nothing typed yet is not an error: say what to do, as the platform's project wizards do
            setErrorMessage(null);
            setMessage(msg);
        } else {
            setMessage(null);
            setErrorMessage(msg);
        }
        setPageComplete(msg == null);
    }

    /** Why the custom location cannot hold the project, or null. */
    private String locationProblem() {
        Path dir = Path.of(location.getText().trim());
        if (!dir.isAbsolute()) {
            return "The location must be an absolute path.";
        }
        if (java.nio.file.Files.exists(dir.resolve("unikernel.toml"))) {
            return dir + " already holds a unikernel project.";
        }
        IStatus s = ResourcesPlugin.getWorkspace().validateProjectLocationURI(
                ResourcesPlugin.getWorkspace().getRoot().getProject(name.getText().trim()), dir.toUri());
        return s.isOK() ? null : s.getMessage();
    }

    String projectName() {
        return name.getText().trim();
    }

    String template() {
        return template.getText();
    }

    int cpus() {
        return cpus.getSelection();
    }

    /** null = default location in the workspace. */
    URI locationUri() {
        return useDefault.getSelection() ? null : Path.of(location.getText().trim()).toUri();
    }
}
