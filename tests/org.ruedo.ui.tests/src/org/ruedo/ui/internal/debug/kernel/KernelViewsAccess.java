package org.ruedo.ui.internal.debug.kernel;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;

/** The kernel views' widgets for UI tests (which drive and read them as a user does); in the test fragment, same package. */
public final class KernelViewsAccess {
    private final MachineStateView machine;
    private final LiveWatchView live;

    public KernelViewsAccess(MachineStateView v) {
        this.machine = v;
        this.live = null;
    }

    public KernelViewsAccess(LiveWatchView v) {
        this.machine = null;
        this.live = v;
    }

    public org.eclipse.swt.widgets.TabFolder tabs() {
        return machine.tabs();
    }

    public Tree registersTree() {
        return machine.registersTree();
    }

    public Table gdtTable() {
        return machine.gdtTable();
    }

    public Table idtTable() {
        return machine.idtTable();
    }

    public Table lapicTable() {
        return machine.lapicTable();
    }

    public Combo cpuCombo() {
        return machine != null ? machine.cpuCombo() : null;
    }

    public Label statusLabel() {
        return machine != null ? machine.statusLabel() : live.statusLabel();
    }

    public Text walkAddress() {
        return machine.pageWalk().addressField();
    }

    public Button walkButton() {
        return machine.pageWalk().walkButton();
    }

    public Label walkSummary() {
        return machine.pageWalk().summaryLabel();
    }

    public Table walkLevels() {
        return machine.pageWalk().levelsTable();
    }

    public Label problemsLabel() {
        return live.problemsLabel();
    }

    public Table table() {
        return live.table();
    }

    public Text input() {
        return live.input();
    }

    public Combo rateCombo() {
        return live.rateCombo();
    }

    public void clear() {
        live.clear();
    }
}
