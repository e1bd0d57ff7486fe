package org.ruedo.ui.internal.debug.disassembly;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;

/** How the disassembly text is styled: source lines italic dark blue, {@code <symbol+offset>} dark gray. */
final class DisassemblyStyles {
    private DisassemblyStyles() {
    }

    /** The style ranges for {@code rows} laid out one per line (each followed by a newline). */
    static StyleRange[] of(List<DisassemblyDocument.Row> rows, Display display) {
        List<StyleRange> styles = new ArrayList<>();
        Color src = display.getSystemColor(SWT.COLOR_DARK_BLUE);
        Color sym = display.getSystemColor(SWT.COLOR_DARK_GRAY);
        int offset = 0;
        for (DisassemblyDocument.Row row : rows) {
            String t = row.text();
            if (row.source()) {
                styles.add(new StyleRange(offset, t.length(), src, null, SWT.ITALIC));
            } else {
                int lt = t.indexOf('<');
                int gt = t.indexOf('>');
                if (lt > 0 && gt > lt) {
                    styles.add(new StyleRange(offset + lt, gt - lt + 1, sym, null));
                }
            }
            offset += t.length() + 1;
        }
        return styles.toArray(StyleRange[]::new);
    }
}
