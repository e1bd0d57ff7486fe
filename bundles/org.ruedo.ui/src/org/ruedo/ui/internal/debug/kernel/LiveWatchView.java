package org.ruedo.ui.internal.debug.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.machine.ElfSymbols;
import org.ruedo.launch.machine.LiveWatchSampler;
import org.ruedo.launch.machine.WatchExpression;
import org.ruedo.launch.qmp.QemuMonitors;
import org.ruedo.launch.qmp.QmpException;

/**
 * "Live Watch": globals of the running unikernel, re-read several times a second through QEMU's monitor
 * without stopping the guest (org.ruedo.launch.machine.LiveWatchSampler), in Run and Debug launches.
 * A value that changed in the last sample is highlighted; min, max, the number of changes and a
 * sparkline of the last samples are shown. Expressions and the rate are kept across sessions; one that
 * cannot be watched stays in the list with the reason.
 */
public class LiveWatchView extends ViewPart {
    public static final String ID = "org.ruedo.ui.liveWatchView";
    static final String[] RATES = { "1 Hz", "2 Hz", "4 Hz", "10 Hz", "20 Hz" };
    private static final String PREF_EXPRESSIONS = "liveWatch.expressions";
    private static final String PREF_RATE = "liveWatch.rate";

    /** A row: what was typed, and either its sampler state or why it cannot be watched. */
    record Row(String text, LiveWatchSampler.Watched watched, String problem) {
    }

    private final List<String> expressions = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private Text input;
    private Combo rate;
    private Button pause;
    private Label status;
    private Label problems;
    private Table table;
    private Color changedBg;
    private IProcess process;
    private IProcess connecting;
    private LiveWatchSampler sampler;
    private boolean paused;
    private final IDebugEventSetListener launches = events -> {
        for (DebugEvent e : events) {
            // CHANGE too: the monitor socket attribute is set just after the process is created
            if (e.getSource() instanceof IProcess && (e.getKind() == DebugEvent.CREATE || e.getKind() == DebugEvent.CHANGE
                    || e.getKind() == DebugEvent.TERMINATE)) {
                asyncAttach();
                return;
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(6, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        input = new Text(bar, SWT.BORDER | SWT.SINGLE);
        input.setMessage("a global, e.g. rallies or stats+8:u64");
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.minimumWidth = 220;
        input.setLayoutData(gd);
        input.addListener(SWT.DefaultSelection, e -> addFromInput());
        Button add = new Button(bar, SWT.PUSH);
        add.setText("Add");
        add.addListener(SWT.Selection, e -> addFromInput());
        Button remove = new Button(bar, SWT.PUSH);
        remove.setText("Remove");
        remove.addListener(SWT.Selection, e -> removeSelected());
        new Label(bar, SWT.NONE).setText("Rate:");
        rate = new Combo(bar, SWT.READ_ONLY);
        rate.setItems(RATES);
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode("org.ruedo.ui");
        rate.select(Math.max(0, List.of(RATES).indexOf(prefs.get(PREF_RATE, "4 Hz"))));
        rate.addListener(SWT.Selection, e -> {
            prefs.put(PREF_RATE, rate.getText());
            if (sampler != null) {
                sampler.setRate(hz());
            }
        });
        pause = new Button(bar, SWT.PUSH);
        pause.setText("Pause");
        pause.addListener(SWT.Selection, e -> togglePause());
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = QemuTargets.table(parent, new String[] { "Expression", "Address", "Type", "Value", "Min", "Max", "Changes", "History" },
                new int[] { 150, 110, 45, 170, 90, 90, 75, 160 });
        problems = new Label(parent, SWT.WRAP);
        problems.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
        problems.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        table.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL) {
                removeSelected();
            }
        });
        table.addListener(SWT.PaintItem, this::paintHistory);
        changedBg = new Color(255, 236, 150);
        for (String s : prefs.get(PREF_EXPRESSIONS, "").split("\n")) {
            if (!s.isBlank()) {
                expressions.add(s.strip());
            }
        }
        DebugPlugin.getDefault().addDebugEventListener(launches);
        attach();
    }

    private double hz() {
        return Double.parseDouble(rate.getText().replace(" Hz", ""));
    }

    private void addFromInput() {
        String s = input.getText().strip();
        if (s.isEmpty()) {
            return;
        }
        add(s);
        input.setText("");
    }

    /** Adds an expression (kept in the preferences) and starts watching it if a unikernel runs. */
    public void add(String expression) {
        expressions.add(expression);
        save();
        rebuild();
    }

    private void removeSelected() {
        int i = table.getSelectionIndex();
        if (i >= 0 && i < expressions.size()) {
            expressions.remove(i);
            save();
            rebuild();
        }
    }

    private void save() {
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode("org.ruedo.ui");
        prefs.put(PREF_EXPRESSIONS, String.join("\n", expressions));
    }

    private void togglePause() {
        paused = !paused;
        pause.setText(paused ? "Resume" : "Pause");
        if (sampler != null) {
            if (paused) {
                sampler.stop();
            } else {
                sampler.start();
            }
        }
        updateStatus();
    }

    private void asyncAttach() {
        if (!table.isDisposed()) {
            table.getDisplay().asyncExec(() -> {
                if (!table.isDisposed()) {
                    attach();
                }
            });
        }
    }

    /** Follows the QEMU the kernel views show (the Debug view's launch, else the newest running one). */
    private void attach() {
        IProcess p = QemuTargets.current();
        if (p == process && (p == null || sampler != null || p == connecting)) {
            updateStatus();
            return;
        }
        detach();
        process = p;
        if (p == null) {
            rebuild();
            return;
        }
        status.setText("connecting to " + p.getLabel() + "...");
        connecting = p;
        Job.create("Connecting live watch", m -> {
            try {
                LiveWatchSampler s = new LiveWatchSampler(QemuMonitors.of(p));
                table.getDisplay().asyncExec(() -> {
                    if (connecting == p) {
                        connecting = null;
                    }
                    if (table.isDisposed() || process != p) {
                        s.close();
                        return;
                    }
                    sampler = s;
                    s.setRate(hz());
                    s.onSample(all -> table.getDisplay().asyncExec(this::repaint));
                    rebuild();
                });
            } catch (QmpException e) {
                table.getDisplay().asyncExec(() -> {
                    connecting = null;
                    if (!status.isDisposed()) {
                        status.setText("Cannot watch " + p.getLabel() + ": " + e.getMessage());
                    }
                });
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void detach() {
        if (sampler != null) {
            sampler.close();
            sampler = null;
        }
    }

    /** Re-resolves every expression against the running image and restarts sampling. */
    private void rebuild() {
        ElfSymbols syms = null;
        String why = process == null ? "no unikernel is running" : null;
        if (process != null) {
            try {
                syms = ElfSymbols.read(Path.of(process.getAttribute(LaunchConstants.PROC_ELF)));
            } catch (java.io.IOException | RuntimeException e) {
                why = "cannot read the image's symbols: " + e.getMessage();
            }
        }
        if (sampler != null) {
            sampler.stop();
            for (LiveWatchSampler.Watched w : sampler.values()) {
                sampler.remove(w);
            }
        }
        rows.clear();
        for (String e : expressions) {
            if (syms == null) {
                rows.add(new Row(e, null, why));
                continue;
            }
            try {
                WatchExpression x = WatchExpression.resolve(e, syms);
                rows.add(new Row(e, sampler == null ? null : sampler.add(x), sampler == null ? "connecting..." : null));
            } catch (WatchExpression.Unwatchable u) {
                rows.add(new Row(e, null, u.getMessage()));
            }
        }
        if (sampler != null && !paused) {
            sampler.start();
        }
        repaint();
    }

    private void updateStatus() {
        if (status.isDisposed() || process != null && sampler == null && !process.isTerminated()) {
            return;         // connecting, or the reason it could not: that text stays
        }
        String s = process == null ? "No unikernel is running: Run or Debug one to watch its globals."
                : process.getLabel() + (process.isTerminated() ? ": QEMU has exited; last values kept"
                        : paused ? ": paused" : ": sampling at " + rate.getText() + " through QEMU's monitor; the guest keeps running");
        if (!s.equals(status.getText())) {
            status.setText(s);
            status.getParent().layout();
        }
    }

    /** Shows the rows' current values. */
    private void repaint() {
        if (table.isDisposed()) {
            return;
        }
        table.setRedraw(false);
        while (table.getItemCount() > rows.size()) {
            table.getItem(table.getItemCount() - 1).dispose();
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            TableItem it = i < table.getItemCount() ? table.getItem(i) : new TableItem(table, SWT.NONE);
            it.setData(r);
            fill(it, r);
        }
        table.setRedraw(true);
        StringBuilder why = new StringBuilder();
        for (Row r : rows) {
            if (r.watched() == null && r.problem() != null) {
                why.append(why.isEmpty() ? "" : "\n").append(r.text()).append(": ").append(r.problem());
            }
        }
        if (!why.toString().equals(problems.getText())) {
            problems.setText(why.toString());
            problems.getParent().layout();
        }
        updateStatus();
    }

    private void fill(TableItem it, Row r) {
        LiveWatchSampler.Watched w = r.watched();
        it.setBackground(3, null);
        it.setForeground(3, null);
        if (w == null) {
            it.setText(new String[] { r.text(), "", "", "not watched (see below)", "", "", "", "" });
            it.setForeground(3, table.getDisplay().getSystemColor(SWT.COLOR_RED));
            return;
        }
        WatchExpression x = w.expression();
        boolean have = w.samples() > 0;
        String value = w.error() != null ? w.error() : have ? x.format(w.value()) : "...";
        String addr = QemuTargets.hex(x.address()) + (x.note().isEmpty() ? "" : " (" + x.note() + ")");
        it.setText(new String[] { r.text(), addr, x.typeName(), value, have ? x.format(w.min()) : "",
                have ? x.format(w.max()) : "", have ? Long.toString(w.changes()) : "", "" });
        if (w.error() != null) {
            it.setForeground(3, table.getDisplay().getSystemColor(SWT.COLOR_RED));
        } else if (w.changed()) {
            it.setBackground(3, changedBg);
        }
    }

    private void paintHistory(org.eclipse.swt.widgets.Event e) {
        if (e.index != 7 || !(e.item.getData() instanceof Row r) || r.watched() == null) {
            return;
        }
        long[] h = r.watched().history();
        if (h.length < 2) {
            return;
        }
        Sparkline.paint(e.gc, ((TableItem) e.item).getBounds(7), h, r.watched().expression().signed());
    }

    @Override
    public void setFocus() {
        input.setFocus();
    }

    @Override
    public void dispose() {
        DebugPlugin.getDefault().removeDebugEventListener(launches);
        detach();
        if (changedBg != null) {
            changedBg.dispose();
        }
        super.dispose();
    }

    // for tests: the widgets as the user sees them
    Table table() {
        return table;
    }

    Text input() {
        return input;
    }

    Combo rateCombo() {
        return rate;
    }

    Label statusLabel() {
        return status;
    }

    Label problemsLabel() {
        return problems;
    }

    /** Removes every expression (tests start from an empty list). */
    void clear() {
        expressions.clear();
        save();
        rebuild();
    }
}
