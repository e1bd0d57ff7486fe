package org.ruedo.ui.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.text.source.CompositeRuler;
import org.eclipse.jface.text.source.IVerticalRulerColumn;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.texteditor.ITextEditor;

/** What an editor's vertical ruler paints: its columns, their pixels, and double-clicks on them as the mouse sends them. */
final class Rulers {
    private Rulers() {
    }

    /** The columns of the editor's composite ruler, by class name. */
    static List<IVerticalRulerColumn> columns(ITextEditor editor) {
        IVerticalRulerInfo info = editor.getAdapter(IVerticalRulerInfo.class);
        List<IVerticalRulerColumn> out = new ArrayList<>();
        for (Iterator<IVerticalRulerColumn> it = ((CompositeRuler) info).getDecoratorIterator(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    /** The annotation column (breakpoints, the instruction pointer, problems): the ruler's leftmost column. */
    static Control annotationColumn(ITextEditor editor) {
        for (IVerticalRulerColumn c : columns(editor)) {
            String n = c.getClass().getName();
            if (n.endsWith(".AnnotationColumn") || c instanceof org.eclipse.jface.text.source.AnnotationRulerColumn) {
                return c.getControl();
            }
        }
        throw new AssertionError("no annotation column in " + columns(editor).stream().map(c -> c.getClass().getName()).toList());
    }

    /** A picture of what a control paints now. */
    static ImageData paint(Control c) {
        Point size = c.getSize();
        Image img = new Image(Finder.display(), Math.max(1, size.x), Math.max(1, size.y));
        try {
            GC gc = new GC(img);
            try {
                if (!c.print(gc)) {
                    throw new AssertionError("the control does not paint into an image: " + c);
                }
            } finally {
                gc.dispose();
            }
            return img.getImageData();
        } finally {
            img.dispose();
        }
    }

    /** The most common colour of a picture (the background). */
    static RGB background(ImageData d) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < d.height; y++) {
            for (int x = 0; x < d.width; x++) {
                counts.merge(d.getPixel(x, y), 1, Integer::sum);
            }
        }
        return d.palette.getRGB(counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
    }

    /** The pixels of the rows of one text line (0-based) of {@code text} in a picture of {@code column}. */
    static List<RGB> pixelsOfLine(ImageData d, Control column, StyledText text, int line) {
        int top = Finder.display().map(text, column, 0, text.getLinePixel(line)).y;
        int bottom = top + text.getLineHeight();
        List<RGB> out = new ArrayList<>();
        for (int y = Math.max(0, top); y < Math.min(d.height, bottom); y++) {
            for (int x = 0; x < d.width; x++) {
                out.add(d.palette.getRGB(d.getPixel(x, y)));
            }
        }
        return out;
    }

    /** How many pixels differ from the background by more than a faint antialiasing shade. */
    static long ink(List<RGB> pixels, RGB bg) {
        return pixels.stream().filter(c -> distance(c, bg) > 60).count();
    }

    /** Pixels that are clearly blue (the platform's enabled breakpoint is a filled blue dot). */
    static long blue(List<RGB> pixels) {
        return pixels.stream().filter(c -> c.blue > 120 && c.blue > c.red + 50 && c.blue > c.green + 20).count();
    }

    /** Pixels that are clearly green (a check mark). */
    static long green(List<RGB> pixels) {
        return pixels.stream().filter(c -> c.green > 90 && c.green > c.red + 40 && c.green > c.blue + 40).count();
    }

    /** Pixels that are clearly orange/yellow (the condition mark). */
    static long orange(List<RGB> pixels) {
        return pixels.stream().filter(c -> c.red > 180 && c.green > 90 && c.blue < 90).count();
    }

    static int distance(RGB a, RGB b) {
        return Math.abs(a.red - b.red) + Math.abs(a.green - b.green) + Math.abs(a.blue - b.blue);
    }

    /** A double-click of the left button on a ruler column beside a text line (0-based), as GTK delivers it. */
    static void doubleClick(Control column, StyledText text, int line) {
        Event e = new Event();
        e.button = 1;
        e.x = 4;
        e.y = Finder.display().map(text, column, 0, text.getLinePixel(line) + text.getLineHeight() / 2).y;
        e.count = 1;
        column.notifyListeners(SWT.MouseDown, e);
        column.notifyListeners(SWT.MouseUp, e);
        e.count = 2;
        column.notifyListeners(SWT.MouseDown, e);
        column.notifyListeners(SWT.MouseDoubleClick, e);
        column.notifyListeners(SWT.MouseUp, e);
    }
}
