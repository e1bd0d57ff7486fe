package org.ruedo.ui.internal.debug.kernel;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.part.ViewPart;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.launch.machine.ControlRegister;
import org.ruedo.launch.machine.Descriptors;
import org.ruedo.launch.machine.ElfSymbols;
import org.ruedo.launch.machine.LapicState;
import org.ruedo.launch.machine.MachineReader;
import org.ruedo.launch.qmp.QemuMonitors;
import org.ruedo.launch.qmp.QmpException;

/**
 * "Unikernel CPU State": one vCPU's control registers decoded bit by bit, its GDT and IDT, a page walk
 * of any address and its local APIC, all read through QEMU's monitor (org.ruedo.launch.machine), so it
 * works in Run mode and while the guest runs. Refreshes when a debug launch suspends, on Refresh, and
 * when another vCPU is chosen.
 */
public class MachineStateView extends ViewPart {
    public static final String ID = "org.ruedo.ui.machineStateView";
    private static final String[] CPU_TITLES = { "Register / field", "Bits", "Value", "Meaning" };

    private Combo cpu;
    private Label status;
    private Tree registers;
    private Table gdt;
    private Table idt;
    private Label lapicSummary;
    private Table lapic;
    private PageWalkPanel walk;
    private TabFolder tabs;
    private IProcess shown;
    private final IDebugEventSetListener suspends = events -> {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.SUSPEND || e.getKind() == DebugEvent.TERMINATE && e.getSource() == shown) {
                asyncRefresh();
                return;
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(4, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(bar, SWT.NONE).setText("vCPU:");
        cpu = new Combo(bar, SWT.READ_ONLY);
        cpu.setItems("CPU 0");
        cpu.select(0);
        cpu.addListener(SWT.Selection, e -> refresh());
        Button refresh = new Button(bar, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.addListener(SWT.Selection, e -> refresh());
        status = new Label(bar, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        tabs = new TabFolder(parent, SWT.TOP);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        registers = new Tree(tab(tabs, "Control registers"), SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        registers.setHeaderVisible(true);
        registers.setLinesVisible(true);
        registers.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        int[] w = { 170, 60, 170, 380 };
        for (int i = 0; i < CPU_TITLES.length; i++) {
            TreeColumn c = new TreeColumn(registers, SWT.LEFT);
            c.setText(CPU_TITLES[i]);
            c.setWidth(w[i]);
        }
        gdt = QemuTargets.table(tab(tabs, "GDT"), new String[] { "Selector", "Kind", "Attributes", "DPL", "Present", "Base", "Limit" },
                new int[] { 110, 70, 200, 40, 70, 160, 100 });
        idt = QemuTargets.table(tab(tabs, "IDT"), new String[] { "Vector", "Type", "DPL", "IST", "Selector", "Handler", "Symbol" },
                new int[] { 60, 110, 40, 40, 70, 160, 260 });
        walk = new PageWalkPanel(tab(tabs, "Page walk"), this::currentCpu);
        Composite lap = tab(tabs, "Local APIC");
        lapicSummary = new Label(lap, SWT.WRAP);
        lapicSummary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        lapic = QemuTargets.table(lap, new String[] { "Register", "Value (as QEMU decodes it)" }, new int[] { 90, 600 });
        DebugPlugin.getDefault().addDebugEventListener(suspends);
        refresh();
    }

    private static Composite tab(TabFolder tabs, String title) {
        Composite c = new Composite(tabs, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        TabItem t = new TabItem(tabs, SWT.NONE);
        t.setText(title);
        t.setControl(c);
        return c;
    }

    private int currentCpu() {
        return Math.max(0, cpu.getSelectionIndex());
    }

    /** The QEMU shown and a reader for it (null when none runs). */
    MachineReader reader() throws QmpException {
        IProcess p = QemuTargets.current();
        shown = p;
        if (p == null) {
            return null;
        }
        ElfSymbols syms = null;
        String elf = p.getAttribute(LaunchConstants.PROC_ELF);
        try {
            syms = elf == null ? null : ElfSymbols.read(Path.of(elf));
        } catch (java.io.IOException e) {
            // handlers are shown without symbols
        }
        return new MachineReader(QemuMonitors.of(p), syms);
    }

    private void asyncRefresh() {
        if (!status.isDisposed()) {
            status.getDisplay().asyncExec(() -> {
                if (!status.isDisposed()) {
                    refresh();
                }
            });
        }
    }

    /** Reads the chosen vCPU in a job and shows it. */
    public void refresh() {
        int c = currentCpu();
        status.setText("reading CPU " + c + "...");
        walk.setReader(null);
        Job job = Job.create("Reading the unikernel's CPU state", (IProgressMonitor m) -> {
            MachineReader r;
            MachineReader.Snapshot s;
            List<Integer> cpus;
            try {
                r = reader();
                if (r == null) {
                    show(null, null, null, "No unikernel is running: launch one (Run or Debug) to see its CPU state.");
                    return Status.OK_STATUS;
                }
                cpus = r.cpus();
                s = r.snapshot(Math.min(c, cpus.size() - 1));
            } catch (QmpException e) {
                show(null, null, null, "Cannot read the machine state: " + e.getMessage());
                return Status.OK_STATUS;
            }
            show(r, s, cpus, null);
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(MachineReader r, MachineReader.Snapshot s, List<Integer> cpus, String message) {
        if (status.isDisposed()) {
            return;
        }
        status.getDisplay().asyncExec(() -> {
            if (status.isDisposed()) {
                return;
            }
            if (s == null) {
                status.setText(message);
                registers.removeAll();
                gdt.removeAll();
                idt.removeAll();
                lapic.removeAll();
                lapicSummary.setText("");
                status.getParent().layout();
                return;
            }
            if (cpu.getItemCount() != cpus.size()) {
                cpu.setItems(cpus.stream().map(i -> "CPU " + i).toArray(String[]::new));
                cpu.select(s.cpu());
            }
            status.setText(shown.getLabel() + " (pid " + shown.getAttribute(IProcess.ATTR_PROCESS_ID) + "), CPU " + s.cpu()
                    + ", RIP " + QemuTargets.hex(s.registers().get("RIP")) + (s.registers().has("HLT") && s.registers().get("HLT") == 1 ? " (halted)" : "")
                    + ", read at " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")));
            status.getParent().layout();
            fillRegisters(s);
            fillTables(s);
            walk.setReader(r);
        });
    }

    private void fillRegisters(MachineReader.Snapshot s) {
        registers.removeAll();
        for (ControlRegister reg : ControlRegister.values()) {
            long v = s.registers().get(reg.dumpKey());
            TreeItem top = new TreeItem(registers, SWT.NONE);
            String flags = reg == ControlRegister.CR2 || reg == ControlRegister.CR3 ? "" : reg.setFlags(v);
            top.setText(new String[] { reg.label(), "", QemuTargets.hex16(v), flags });
            for (ControlRegister.Decoded d : reg.decode(v)) {
                ControlRegister.Field f = d.field();
                TreeItem it = new TreeItem(top, SWT.NONE);
                String bits = f.width() == 1 ? Integer.toString(f.bit()) : (f.bit() + f.width() - 1) + ":" + f.bit();
                String value = f.width() == 1 ? (d.set() ? "1" : "0") : f.width() == 64 ? QemuTargets.hex16(d.value())
                        : reg == ControlRegister.CR3 ? QemuTargets.hex(d.value() << f.bit()) : QemuTargets.hex(d.value());
                it.setText(new String[] { f.name(), bits, value, f.meaning() });
                if (f.width() == 1 && !d.set()) {
                    it.setForeground(registers.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
                }
            }
            top.setExpanded(reg != ControlRegister.CR2);
        }
    }

    private void fillTables(MachineReader.Snapshot s) {
        gdt.removeAll();
        List<Descriptors.Segment> segs = s.gdt();
        for (int i = 0; i < segs.size(); i++) {
            Descriptors.Segment g = segs.get(i);
            TableItem it = new TableItem(gdt, SWT.NONE);
            if (g.kind().equals("null")) {
                int j = i;
                while (j + 1 < segs.size() && segs.get(j + 1).kind().equals("null")) {
                    j++;
                }
                String sel = j == i ? String.format("0x%04x", g.selector()) : String.format("0x%04x-0x%04x", g.selector(), segs.get(j).selector());
                it.setText(new String[] { sel, "null", j == i ? "" : (j - i + 1) + " unused entries", "", "", "", "" });
                it.setForeground(gdt.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
                i = j;
                continue;
            }
            it.setText(new String[] { String.format("0x%04x", g.selector()), g.kind(), g.attrs(), Integer.toString(g.dpl()),
                    g.present() ? "yes" : "no", QemuTargets.hex16(g.base()), QemuTargets.hex(g.limit()) });
        }
        idt.removeAll();
        for (Descriptors.Gate g : s.idt()) {
            if (!g.present()) {
                continue;
            }
            TableItem it = new TableItem(idt, SWT.NONE);
            it.setText(new String[] { Integer.toString(g.vector()) + vectorName(g.vector()), g.type(), Integer.toString(g.dpl()),
                    g.ist() == 0 ? "-" : Integer.toString(g.ist()), String.format("0x%04x", g.selector()), QemuTargets.hex16(g.handler()),
                    g.symbol() == null ? "" : g.symbol() });
        }
        lapic.removeAll();
        LapicState l = s.lapic();
        lapicSummary.setText(l == null ? "QEMU gives no local APIC state: " + s.lapicError() : l.summary());
        if (l != null) {
            for (String[] row : l.rows()) {
                new TableItem(lapic, SWT.NONE).setText(row);
            }
        }
        lapicSummary.getParent().layout();
    }

    private static final String[] EXCEPTIONS = { "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "", "#TS", "#NP",
            "#SS", "#GP", "#PF", "", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP" };

    private static String vectorName(int v) {
        return v < EXCEPTIONS.length && !EXCEPTIONS[v].isEmpty() ? " " + EXCEPTIONS[v] : "";
    }

    @Override
    public void setFocus() {
        cpu.setFocus();
    }

    @Override
    public void dispose() {
        DebugPlugin.getDefault().removeDebugEventListener(suspends);
        super.dispose();
    }

    // for tests: the widgets as the user sees them
    TabFolder tabs() {
        return tabs;
    }

    Tree registersTree() {
        return registers;
    }

    Table gdtTable() {
        return gdt;
    }

    Table idtTable() {
        return idt;
    }

    Table lapicTable() {
        return lapic;
    }

    PageWalkPanel pageWalk() {
        return walk;
    }

    Label statusLabel() {
        return status;
    }

    Combo cpuCombo() {
        return cpu;
    }
}
