package org.ruedo.ui.internal.debug.kernel;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/** A small line chart of a value's last samples, scaled to their min..max, drawn into a table cell. */
final class Sparkline {
    private Sparkline() {
    }

    static void paint(GC gc, Rectangle cell, long[] h, boolean signed) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        double[] v = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            v[i] = signed ? h[i] : unsigned(h[i]);
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        int x0 = cell.x + 3;
        int w = cell.width - 6;
        int y0 = cell.y + 2;
        int ht = cell.height - 5;
        int[] pts = new int[h.length * 2];
        for (int i = 0; i < h.length; i++) {
            pts[i * 2] = x0 + (int) Math.round((double) i * w / (h.length - 1));
            double f = hi == lo ? 0.5 : (v[i] - lo) / (hi - lo);
            pts[i * 2 + 1] = y0 + ht - (int) Math.round(f * ht);
        }
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_DARK_BLUE));
        gc.setLineWidth(1);
        gc.drawPolyline(pts);
    }

    private static double unsigned(long x) {
        return x >= 0 ? x : (x >>> 1) * 2.0 + (x & 1);
    }
}
