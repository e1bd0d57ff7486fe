package org.ruedo.ui.internal.debug.disassembly;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The Disassembly view's left ruler: breakpoint icons at their instructions (the platform's breakpoint
 * icons, as in the source editors' rulers), the selected thread's PC (the platform's current instruction
 * pointer) and the other vCPUs' PCs (its secondary pointer). A double-click toggles an address breakpoint
 * on the instruction of that row.
 */
final class DisassemblyRuler {
    static final int WIDTH = 36;

    /** What a row carries in the ruler. */
    record Marks(boolean breakpoint, boolean enabled, boolean pc, boolean otherPc) {
    }

    private final Canvas canvas;
    private final StyledText text;

    DisassemblyRuler(Composite parent, StyledText text, Supplier<Map<Integer, Marks>> marks, Consumer<Integer> doubleClick) {
        this.text = text;
        canvas = new Canvas(parent, SWT.NONE);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        canvas.addPaintListener(e -> paint(e.gc, marks.get()));
        canvas.addListener(SWT.MouseDoubleClick, e -> {
            int row = text.getTopIndex() + e.y / Math.max(1, text.getLineHeight()) ;
            if (row < text.getLineCount()) {
                doubleClick.accept(row);
            }
        });
        text.addListener(SWT.Paint, e -> canvas.redraw());
    }

    Canvas control() {
        return canvas;
    }

    void redraw() {
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    private void paint(GC gc, Map<Integer, Marks> marks) {
        int h = text.getLineHeight();
        int top = text.getTopIndex();
        int topPixel = text.getTopPixel() - top * h;        // partial first line
        int rows = canvas.getSize().y / Math.max(1, h) + 2;
        for (int r = top; r < top + rows; r++) {
            Marks m = marks.get(r);
            if (m == null) {
                continue;
            }
            int y = (r - top) * h - topPixel + (h - 16) / 2;
            if (m.breakpoint()) {
                draw(gc, m.enabled() ? IDebugUIConstants.IMG_OBJS_BREAKPOINT : IDebugUIConstants.IMG_OBJS_BREAKPOINT_DISABLED, 2, y);
            }
            if (m.pc()) {
                draw(gc, IDebugUIConstants.IMG_OBJS_INSTRUCTION_POINTER_TOP, 18, y);
            } else if (m.otherPc()) {
                draw(gc, IDebugUIConstants.IMG_OBJS_INSTRUCTION_POINTER, 18, y);
            }
        }
    }

    private static void draw(GC gc, String key, int x, int y) {
        Image img = DebugUITools.getImage(key);
        if (img != null) {
            gc.drawImage(img, x, y);
        }
    }
}
