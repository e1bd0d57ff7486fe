package org.ruedo.ui.internal.debug.disassembly;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.ruedo.debug.mi.commands.BreakWatch;

/** Run &gt; Add Watchpoint...: an lvalue expression, the access kind, an optional condition. */
public final class WatchpointDialog extends Dialog {
    public static final String TITLE = "Add Watchpoint";
    /** The kinds offered, in the combo's order. */
    public static final String[] KINDS = { "Write (stop when the value changes)", "Read", "Read or write (access)" };

    private final String initial;
    private Text expression;
    private Combo kind;
    private Text condition;
    private Label error;
    private String exp = "";
    private BreakWatch.Kind k = BreakWatch.Kind.WRITE;
    private String cond = "";

    public WatchpointDialog(Shell parent, String initialExpression) {
        super(parent);
        initial = initialExpression == null ? "" : initialExpression;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("Expression:");
        expression = new Text(c, SWT.BORDER);
        expression.setMessage("rallies, t->state, *(long *)0x11dfc0");
        expression.setText(initial);
        expression.setLayoutData(new GridData(320, SWT.DEFAULT));
        new Label(c, SWT.NONE).setText("Stop on:");
        kind = new Combo(c, SWT.READ_ONLY);
        kind.setItems(KINDS);
        kind.select(0);
        new Label(c, SWT.NONE).setText("Condition (optional):");
        condition = new Text(c, SWT.BORDER);
        condition.setMessage("e.g. rallies == 10");
        condition.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        error = new Label(c, SWT.WRAP);
        error.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        error.setText("gdb prefers the CPU's debug registers (4 on x86-64, up to 8 bytes each).");
        expression.addModifyListener(e -> validate());
        return c;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        boolean ok = !expression.getText().isBlank();
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(ok);
        }
    }

    @Override
    protected void okPressed() {
        exp = expression.getText().strip();
        k = BreakWatch.Kind.values()[Math.max(0, kind.getSelectionIndex())];
        cond = condition.getText().strip();
        super.okPressed();
    }

    public String expression() {
        return exp;
    }

    public BreakWatch.Kind kind() {
        return k;
    }

    public String condition() {
        return cond;
    }
}
