package org.ruedo.ui.internal.editors;

/** The GNU assembler (.S, .s) variant of {@link CodeEditor}. */
public class AsmEditor extends CodeEditor {
    public AsmEditor() {
        super(true);
    }
}
