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

/**
 * Project &gt; Properties &gt; Unikernel: the manifest's common fields, written back into unikernel.toml.
 * Only values the user changed are written (comments and everything else stay as they are). A manifest
 * that does not parse is never overwritten: the page shows its error, its fields are disabled and
 * OK/Apply leave the file byte for byte as it was.
 */
public class ManifestPropertyPage extends PropertyPage {
    private Text name;
    private Spinner cpus;
    private Spinner memory;
    private Text cflags;
    /** The manifest as loaded, or null when it does not parse (then nothing is ever written). */
    private ProjectManifest loaded;
    /** The manifest text the fields were loaded from. */
    private String loadedText;

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
        String problem = null;
        try {
            loadedText = Files.readString(file());
            loaded = ProjectManifest.load(project().getLocation().toPath());
        } catch (ManifestException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = ProjectManifest.FILE + ": cannot read: " + e.getMessage();
        }
        if (problem != null) {
            loaded = null;
            Label error = new Label(c, SWT.WRAP);
            error.setText(problem);
            error.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_RED));
            GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
            gd.widthHint = 400;
            error.setLayoutData(gd);
            Label hint = new Label(c, SWT.WRAP);
            hint.setText("Fix " + ProjectManifest.FILE + " in an editor; this page changes nothing until it parses.");
            hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        }
        new Label(c, SWT.NONE).setText("Image name:");
        name = new Text(c, SWT.BORDER);
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(c, SWT.NONE).setText("CPUs:");
        cpus = new Spinner(c, SWT.BORDER);
        cpus.setValues(1, 1, 8, 0, 1, 1);
        new Label(c, SWT.NONE).setText("Memory (MiB):");
        memory = new Spinner(c, SWT.BORDER);
        memory.setValues(128, 16, 4096, 0, 16, 64);
        Label flagsLabel = new Label(c, SWT.NONE);
        flagsLabel.setText("App C flags (one per line):");
        flagsLabel.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        cflags = new Text(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        GridData fd = new GridData(SWT.FILL, SWT.FILL, true, false);
        fd.heightHint = cflags.getLineHeight() * 4;
        cflags.setLayoutData(fd);
        if (loaded == null) {
            for (Control k : new Control[] { name, cpus, memory, cflags }) {
                k.setEnabled(false);
            }
            setErrorMessage(problem);
            return c;
        }
        name.setText(loaded.name());
        cpus.setSelection(loaded.cpus());
        memory.setSelection(loaded.memoryMiB());
        cflags.setText(String.join("\n", loaded.cflags()));
        name.addModifyListener(e -> {
            boolean ok = name.getText().trim().matches("[A-Za-z0-9_.-]+");
            setErrorMessage(ok ? null : "Image name: use letters, digits, '_', '.' and '-' only (it names build/<name>.img).");
            setValid(ok);
        });
        return c;
    }

    /** The flags in the field: one per line, so a flag may hold spaces ({@code -DMSG="a b"}); blank lines ignored. */
    static List<String> flagsOf(String text) {
        return Arrays.stream(text.split("\r?\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public boolean performOk() {
        if (loaded == null) {
            return true;   // the manifest does not parse: never overwrite it
        }
        try {
            String text = Files.readString(file());
            if (!text.equals(loadedText)) {
                try {
                    ProjectManifest.load(project().getLocation().toPath());
                } catch (ManifestException e) {
                    setErrorMessage(e.getMessage() + " (changed since this page opened; nothing written)");
                    return false;
                }
            }
            ManifestEditor editor = new ManifestEditor(text);
            boolean changed = false;
            String newName = name.getText().trim();
            if (!newName.equals(loaded.name())) {
                editor.setString("project", "name", newName);
                changed = true;
            }
            if (cpus.getSelection() != loaded.cpus()) {
                editor.setInt("run", "cpus", cpus.getSelection());
                changed = true;
            }
            if (memory.getSelection() != loaded.memoryMiB()) {
                editor.setInt("run", "memory", memory.getSelection());
                changed = true;
            }
            List<String> flags = flagsOf(cflags.getText());
            if (!flags.equals(loaded.cflags())) {
                editor.setStrings("app", "cflags", flags);
                changed = true;
            }
            if (!changed) {
                return true;
            }
            Files.writeString(file(), editor.text());
            loadedText = editor.text();
            loaded = ProjectManifest.load(project().getLocation().toPath());
            project().getFile(ProjectManifest.FILE).refreshLocal(IResource.DEPTH_ZERO, null);
            return true;
        } catch (IOException | CoreException e) {
            setErrorMessage("cannot write " + ProjectManifest.FILE + ": " + e.getMessage());
            return false;
        } catch (ManifestException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }
}
