package org.ruedo.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * A small SWT widget finder and driver for UI tests (SWTBot is not available): find controls by type
 * and label, type into them, press buttons, pump the event loop while waiting, take screenshots.
 * Tests run on the UI thread, so every wait pumps {@link Display#readAndDispatch()}.
 */
public final class Finder {
    private Finder() {
    }

    public static Display display() {
        return Display.getDefault();
    }

    /** Processes pending UI events for about {@code ms} milliseconds. */
    public static void pump(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (!display().readAndDispatch()) {
                sleep(5);
            }
        }
    }

    /** Pumps events until the condition holds; fails after the timeout. */
    public static void waitUntil(BooleanSupplier c, int seconds, String what) {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            if (!display().readAndDispatch()) {
                sleep(5);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** All controls of a type below a root, depth first. */
    public static <T extends Control> List<T> all(Composite root, Class<T> type) {
        List<T> out = new ArrayList<>();
        collect(root, type, out);
        return out;
    }

    private static <T extends Control> void collect(Control c, Class<T> type, List<T> out) {
        if (type.isInstance(c)) {
            out.add(type.cast(c));
        }
        if (c instanceof Composite comp) {
            for (Control k : comp.getChildren()) {
                collect(k, type, out);
            }
        }
    }

    /** The first control of a type matching a predicate. */
    public static <T extends Control> T find(Composite root, Class<T> type, Predicate<T> p) {
        return all(root, type).stream().filter(p).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " matching in " + root));
    }

    /** The control right after the label with this text (the usual label/field layout). */
    public static <T extends Control> T field(Composite root, String label, Class<T> type) {
        Label l = find(root, Label.class, x -> x.getText().equals(label));
        Control[] siblings = l.getParent().getChildren();
        for (int i = 0; i < siblings.length - 1; i++) {
            if (siblings[i] == l && type.isInstance(siblings[i + 1])) {
                return type.cast(siblings[i + 1]);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " after label '" + label + "'");
    }

    /** A button by its text (mnemonic '&' ignored). */
    public static Button button(Composite root, String text) {
        return find(root, Button.class, b -> b.getText().replace("&", "").equals(text));
    }

    /** Types text into a field character by character (each keystroke fires the field's listeners). */
    public static void type(Text t, String s) {
        t.setFocus();
        t.setText("");
        for (char c : s.toCharArray()) {
            // the order a real keystroke has: key down, the text changes (Modify), key up
            Event e = new Event();
            e.character = c;
            t.notifyListeners(SWT.KeyDown, e);
            t.insert(String.valueOf(c));
            t.notifyListeners(SWT.KeyUp, e);
        }
        pump(50);
    }

    /** Presses a button as a click would. */
    public static void click(Button b) {
        if (!b.isEnabled()) {
            throw new AssertionError("button '" + b.getText() + "' is disabled");
        }
        if ((b.getStyle() & (SWT.CHECK | SWT.RADIO | SWT.TOGGLE)) != 0) {
            b.setSelection(!b.getSelection());
        }
        b.notifyListeners(SWT.Selection, new Event());
        pump(50);
    }

    /** The text a control shows (labels, fields, links, buttons), or null. */
    public static String textOf(Control c) {
        if (c instanceof Label l) {
            return l.getText();
        } else if (c instanceof Text t) {
            return t.getText();
        } else if (c instanceof org.eclipse.swt.custom.CLabel l) {
            return l.getText();
        } else if (c instanceof org.eclipse.swt.widgets.Link l) {
            return l.getText();
        } else if (c instanceof org.eclipse.swt.custom.StyledText t) {
            return t.getText();
        } else if (c instanceof Button b) {
            return b.getText();
        }
        return null;
    }

    /** Whether a control below the root shows this text. */
    public static boolean showsText(Composite root, String text) {
        return all(root, Control.class).stream().map(Finder::textOf).anyMatch(t -> t != null && t.contains(text));
    }

    /** The visible shell with this title, or null. */
    public static Shell shellTitled(String title) {
        for (Shell s : display().getShells()) {
            if (!s.isDisposed() && s.isVisible() && s.getText().equals(title)) {
                return s;
            }
        }
        return null;
    }

    /** Everything the visible shells show, for failure messages. */
    public static String dump() {
        StringBuilder sb = new StringBuilder();
        for (Shell s : display().getShells()) {
            if (s.isDisposed() || !s.isVisible()) {
                continue;
            }
            sb.append("shell '").append(s.getText()).append("':\n");
            for (Control c : all(s, Control.class)) {
                String t = textOf(c);
                if (t != null && !t.isBlank() && !(c instanceof org.eclipse.swt.custom.StyledText)) {
                    sb.append("  ").append(c.getClass().getSimpleName()).append(": ").append(t.replace('\n', ' ')).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Saves a PNG of a shell's area of the screen into ${ruedo.screenshotDir}. */
    public static Path screenshot(Shell shell, String name) {
        pump(300);
        Path dir = Path.of(System.getProperty("ruedo.screenshotDir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Rectangle b = shell.getBounds();
            Image img = new Image(display(), b.width, b.height);
            GC gc = new GC(display());
            gc.copyArea(img, b.x, b.y);
            gc.dispose();
            ImageLoader l = new ImageLoader();
            l.data = new org.eclipse.swt.graphics.ImageData[] { img.getImageData() };
            Path f = dir.resolve(name + ".png");
            l.save(f.toString(), SWT.IMAGE_PNG);
            img.dispose();
            return f;
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot save screenshot: " + e);
        }
    }
}
