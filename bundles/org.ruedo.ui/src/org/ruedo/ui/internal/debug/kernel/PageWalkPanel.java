package org.ruedo.ui.internal.debug.kernel;

import java.util.function.IntSupplier;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.ruedo.launch.machine.MachineReader;
import org.ruedo.launch.machine.PageWalk;
import org.ruedo.launch.qmp.QmpException;

/** The "Page walk" tab: an address (hex, or a symbol of the image), Walk, each level's entry and the outcome. */
final class PageWalkPanel {
    private final Text address;
    private final Button go;
    private final Label summary;
    private final Table levels;
    private final IntSupplier cpu;
    private volatile MachineReader reader;

    PageWalkPanel(Composite parent, IntSupplier cpu) {
        this.cpu = cpu;
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(new GridLayout(3, false));
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(row, SWT.NONE).setText("Virtual address:");
        address = new Text(row, SWT.BORDER | SWT.SINGLE);
        address.setMessage("0x8000000000, or a symbol such as main");
        address.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        go = new Button(row, SWT.PUSH);
        go.setText("Walk");
        go.addListener(SWT.Selection, e -> walk());
        address.addListener(SWT.DefaultSelection, e -> walk());
        summary = new Label(parent, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        summary.setText("Walks the page tables at this vCPU's CR3. Thread stacks are at 0x8000000000 + CPU GiB, each above an unmapped guard.");
        levels = QemuTargets.table(parent, new String[] { "Level", "Index", "Entry at (phys)", "Entry", "Flags", "Points to (phys)" },
                new int[] { 70, 50, 150, 170, 140, 170 });
    }

    void setReader(MachineReader r) {
        this.reader = r;
    }

    private void walk() {
        MachineReader r = reader;
        String text = address.getText().strip();
        if (r == null) {
            summary.setText("No unikernel is running (or its state is still being read).");
            return;
        }
        long va;
        try {
            va = text.startsWith("0x") || text.startsWith("0X") ? Long.parseUnsignedLong(text.substring(2).replace("_", ""), 16)
                    : r.symbolAddress(text);
        } catch (NumberFormatException e) {
            summary.setText("'" + text + "' is not a hex address (0x...) or a symbol of the image");
            return;
        } catch (IllegalArgumentException e) {
            summary.setText(e.getMessage());
            return;
        }
        int c = cpu.getAsInt();
        summary.setText("walking " + text + " on CPU " + c + "...");
        Job.create("Page walk", m -> {
            String msg;
            PageWalk.Result res = null;
            try {
                res = r.walk(c, va);
                msg = res.summary();
            } catch (QmpException | IllegalArgumentException e) {
                msg = e.getMessage();
            }
            PageWalk.Result shown = res;
            String line = msg;
            summary.getDisplay().asyncExec(() -> show(line, shown));
            return Status.OK_STATUS;
        }).schedule();
    }

    private void show(String line, PageWalk.Result res) {
        if (summary.isDisposed()) {
            return;
        }
        summary.setText(line);
        levels.removeAll();
        if (res != null) {
            for (PageWalk.Level l : res.levels()) {
                TableItem it = new TableItem(levels, SWT.NONE);
                it.setText(new String[] { l.name(), Integer.toString(l.index()), QemuTargets.hex16(l.entryAddress()), QemuTargets.hex16(l.entry()),
                        l.present() ? l.flags() : "not present", l.present() ? QemuTargets.hex16(l.next()) + (l.leaf() ? " (page)" : "") : "" });
                if (!l.present()) {
                    it.setForeground(levels.getDisplay().getSystemColor(SWT.COLOR_RED));
                }
            }
        }
        summary.getParent().layout();
    }

    // for tests
    Text addressField() {
        return address;
    }

    Button walkButton() {
        return go;
    }

    Label summaryLabel() {
        return summary;
    }

    Table levelsTable() {
        return levels;
    }
}
