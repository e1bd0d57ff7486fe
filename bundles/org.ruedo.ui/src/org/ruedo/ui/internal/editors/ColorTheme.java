package org.ruedo.ui.internal.editors;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

/** Colours of the C and assembler editors (system-independent, light theme). */
final class ColorTheme {
    static final TextAttribute KEYWORD = attr(new RGB(127, 0, 85), SWT.BOLD);
    static final TextAttribute TYPE = attr(new RGB(0, 80, 160), SWT.BOLD);
    static final TextAttribute COMMENT = attr(new RGB(63, 127, 95), SWT.ITALIC);
    static final TextAttribute STRING = attr(new RGB(42, 0, 255), SWT.NORMAL);
    static final TextAttribute NUMBER = attr(new RGB(160, 80, 0), SWT.NORMAL);
    static final TextAttribute PREPROCESSOR = attr(new RGB(100, 100, 100), SWT.BOLD);
    static final TextAttribute DEFAULT = new TextAttribute(null);

    private ColorTheme() {
    }

    private static TextAttribute attr(RGB rgb, int style) {
        return new TextAttribute(new Color(rgb), null, style);
    }
}
