package org.ruedo.ui.internal.preferences;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;
import org.ruedo.core.manifest.ManifestEditor;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;

/** Project &gt; Properties &gt; Unikernel: the manifest's common fields, written back into unikernel.toml. */
public class ManifestPropertyPage extends PropertyPage {
    private Text name;
    private Spinner cpus;
    private Spinner memory;
    private Text cflags;

    private IProject project() {
        return getElement().getAdapter(IProject.class);
    }

    private Path file() {
        return project().getLocation().toPath().resolve(ProjectManifest.FILE);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("Image name:");
        name = new Text(c, SWT.BORDER);
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(c, SWT.NONE).setText("CPUs:");
        cpus = new Spinner(c, SWT.BORDER);
        cpus.setValues(1, 1, 8, 0, 1, 1);
        new Label(c, SWT.NONE).setText("Memory (MiB):");
        memory = new Spinner(c, SWT.BORDER);
        memory.setValues(128, 16, 4096, 0, 16, 64);
        new Label(c, SWT.NONE).setText("App C flags:");
        cflags = new Text(c, SWT.BORDER);
        cflags.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        try {
            ProjectManifest m = ProjectManifest.load(project().getLocation().toPath());
            name.setText(m.name());
            cpus.setSelection(m.cpus());
            memory.setSelection(m.memoryMiB());
            cflags.setText(String.join(" ", m.cflags()));
        } catch (ManifestException e) {
            setErrorMessage(e.getMessage());
        }
        name.addModifyListener(e -> {
            boolean ok = name.getText().trim().matches("[A-Za-z0-9_.-]+");
            setErrorMessage(ok ? null : "Image name: use letters, digits, '_', '.' and '-' only (it names build/<name>.img).");
            setValid(ok);
        });
        return c;
    }

    @Override
    public boolean performOk() {
        try {
            String text = Files.readString(file());
            List<String> flags = Arrays.stream(cflags.getText().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            String edited = new ManifestEditor(text).setString("project", "name", name.getText().trim())
                    .setInt("run", "cpus", cpus.getSelection()).setInt("run", "memory", memory.getSelection())
                    .setStrings("app", "cflags", flags).text();
            Files.writeString(file(), edited);
            project().getFile(ProjectManifest.FILE).refreshLocal(IResource.DEPTH_ZERO, null);
            return true;
        } catch (IOException | CoreException e) {
            setErrorMessage("cannot write " + ProjectManifest.FILE + ": " + e.getMessage());
            return false;
        }
    }
}
