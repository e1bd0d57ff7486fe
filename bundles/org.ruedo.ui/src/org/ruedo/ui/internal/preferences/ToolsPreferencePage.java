package org.ruedo.ui.internal.preferences;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.FileFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.ruedo.core.resources.ToolchainPreferences;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;

/**
 * Window &gt; Preferences &gt; Ruedo: paths of gcc, ld, QEMU and gdb (empty = from PATH), checked to be
 * executables, with a Detect button that fills them from PATH. Stored where the builder and the
 * launchers read them (node {@code org.ruedo.core}).
 */
public class ToolsPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public static final String ID = "org.ruedo.ui.preferences.tools";
    private static final Tool[] TOOLS = { Tool.GCC, Tool.LD, Tool.QEMU, Tool.GDB };
    private final FileFieldEditor[] editors = new FileFieldEditor[TOOLS.length];

    public ToolsPreferencePage() {
        super(GRID);
        setDescription("Tools used to build, run and debug unikernels. Leave a field empty to use the one on PATH.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, ToolchainPreferences.NODE));
    }

    @Override
    protected void createFieldEditors() {
        for (int i = 0; i < TOOLS.length; i++) {
            Tool t = TOOLS[i];
            FileFieldEditor f = new FileFieldEditor(t.preferenceKey(), t.command() + ":", true,
                    StringFieldEditor.VALIDATE_ON_KEY_STROKE, getFieldEditorParent()) {
                @Override
                protected boolean checkState() {
                    String v = getStringValue().trim();
                    if (v.isEmpty()) {
                        clearErrorMessage();
                        return true;
                    }
                    if (!Files.isExecutable(Path.of(v)) || Files.isDirectory(Path.of(v))) {
                        showErrorMessage(t.command() + ": " + v + " is not an executable file (Debian package " + t.debianPackage() + ")");
                        return false;
                    }
                    clearErrorMessage();
                    return true;
                }
            };
            f.setEmptyStringAllowed(true);
            editors[i] = f;
            addField(f);
        }
        Composite parent = getFieldEditorParent();
        Button detect = new Button(parent, SWT.PUSH);
        detect.setText("Detect");
        detect.addListener(SWT.Selection, e -> detect());
    }

    /** Fills every field with the tool found on PATH (or leaves it empty and says which package is missing). */
    void detect() {
        Toolchain tc = Toolchain.fromPath();
        StringBuilder missing = new StringBuilder();
        for (int i = 0; i < TOOLS.length; i++) {
            var p = tc.find(TOOLS[i]);
            editors[i].setStringValue(p.map(Path::toString).orElse(""));
            if (p.isEmpty()) {
                missing.append(missing.isEmpty() ? "" : ", ").append(TOOLS[i].command()).append(" (").append(TOOLS[i].debianPackage()).append(')');
            }
        }
        setMessage(missing.isEmpty() ? "All tools found on PATH." : "Not found: " + missing, missing.isEmpty() ? INFORMATION : WARNING);
    }
}
