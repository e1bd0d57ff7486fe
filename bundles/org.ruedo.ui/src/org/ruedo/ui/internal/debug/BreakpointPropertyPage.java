package org.ruedo.ui.internal.debug;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;
import org.ruedo.debug.breakpoints.GdbBreakpoint;
import org.ruedo.debug.breakpoints.RuedoFunctionBreakpoint;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;

/**
 * Breakpoint Properties of a Ruedo breakpoint (Breakpoints view &gt; Properties): whether it is enabled, its gdb
 * condition (empty: stop at every hit), its ignore count ({@code -break-after}) and, read-only, where it is. OK writes the breakpoint's marker through
 * {@link GdbBreakpoint#setCondition} and {@code setEnabled}; a running debug session's breakpoint service sees
 * the marker change and updates gdb's breakpoint.
 */
public class BreakpointPropertyPage extends PropertyPage {
    /** The page's id (plugin.xml). */
    public static final String ID = "org.ruedo.ui.properties.breakpoint";

    private Button enabled;
    private Text condition;
    private org.eclipse.swt.widgets.Spinner ignore;

    private GdbBreakpoint breakpoint() {
        return Adapters.adapt(getElement(), GdbBreakpoint.class);
    }

    /** What the page shows as the location: {@code project/path/file.c:LINE}, or {@code function()}. */
    public static String location(GdbBreakpoint b) {
        IMarker m = b.getMarker();
        if (b instanceof RuedoLineBreakpoint) {
            return m.getResource().getFullPath().makeRelative() + ":" + m.getAttribute(IMarker.LINE_NUMBER, -1);
        }
        if (b instanceof RuedoFunctionBreakpoint f) {
            return f.function() + "()";
        }
        try {
            return b.gdbLocation();
        } catch (CoreException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    @Override
    protected Control createContents(Composite parent) {
        noDefaultAndApplyButton();
        GdbBreakpoint b = breakpoint();
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));

        new Label(c, SWT.NONE).setText("Type:");
        Label type = new Label(c, SWT.NONE);
        type.setText(b instanceof RuedoFunctionBreakpoint ? "Function breakpoint" : "Line breakpoint");
        new Label(c, SWT.NONE).setText("Location:");
        Label where = new Label(c, SWT.NONE);
        where.setText(location(b));
        where.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        enabled = new Button(c, SWT.CHECK);
        enabled.setText("&Enabled");
        enabled.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
        try {
            enabled.setSelection(b.isEnabled());
        } catch (CoreException e) {
            setErrorMessage("Cannot read the breakpoint: " + e.getMessage());
        }

        new Label(c, SWT.NONE).setText("Condition:");
        condition = new Text(c, SWT.BORDER | SWT.SINGLE);
        condition.setText(b.condition());
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 300;
        condition.setLayoutData(gd);
        Label hint = new Label(c, SWT.WRAP);
        hint.setText("A C expression gdb evaluates at each hit; the program stops only where it is true. Empty: stop at every hit.");
        GridData hd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        hd.widthHint = 400;
        hint.setLayoutData(hd);

        new Label(c, SWT.NONE).setText("Ignore count:");
        ignore = new org.eclipse.swt.widgets.Spinner(c, SWT.BORDER);
        ignore.setValues(b.ignoreCount(), 0, Integer.MAX_VALUE, 0, 1, 10);
        Label ignoreHint = new Label(c, SWT.WRAP);
        ignoreHint.setText("Pass the breakpoint this many times before it stops (gdb's -break-after). 0: stop at the first hit.");
        GridData ih = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        ih.widthHint = 400;
        ignoreHint.setLayoutData(ih);
        return c;
    }

    @Override
    public boolean performOk() {
        GdbBreakpoint b = breakpoint();
        try {
            String cond = condition.getText().strip();
            if (!cond.equals(b.condition())) {
                b.setCondition(cond);
            }
            if (ignore.getSelection() != b.ignoreCount()) {
                b.setIgnoreCount(ignore.getSelection());
            }
            if (enabled.getSelection() != b.isEnabled()) {
                b.setEnabled(enabled.getSelection());
            }
            return true;
        } catch (CoreException e) {
            setErrorMessage("Cannot change the breakpoint: " + e.getMessage());
            return false;
        }
    }
}
