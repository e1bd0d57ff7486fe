package org.ruedo.ui.internal.debug.disassembly;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.debug.ui.contexts.IDebugContextService;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.ruedo.debug.breakpoints.RuedoAddressBreakpoint;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;

/**
 * Disassembly view: the instructions around the selected frame's PC, with address, symbol+offset, raw
 * bytes (toggle), mnemonic and operands, and the source lines of the ELF's line table interleaved
 * (toggle). The ruler shows breakpoints at their addresses (address breakpoints, and line breakpoints
 * where gdb placed them) and the PCs of the selected vCPU and the others; a double-click there toggles
 * an address breakpoint. Scrolling near either end fetches more instructions. Talks to gdb only off the
 * UI thread (one fetch at a time).
 */
public class DisassemblyView extends ViewPart implements IDebugContextListener, IBreakpointListener {
    public static final String ID = "org.ruedo.ui.disassemblyView";
    private static final int FETCH = 60;

    private StyledText text;
    private DisassemblyRuler ruler;
    private Text goTo;
    private Label status;
    private DisassemblyDocument doc;
    private volatile RuedoDebugTarget target;
    private volatile long pc = -1;
    private volatile Set<Long> otherPcs = Set.of();
    private volatile Map<Long, Boolean> breakpoints = Map.of();
    private volatile boolean busy;
    private IAction stepping;

    @Override
    public void createPartControl(Composite parent) {
        GridLayout gl = new GridLayout(2, false);
        gl.marginWidth = gl.marginHeight = 0;
        gl.horizontalSpacing = 0;
        parent.setLayout(gl);
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        bar.setLayout(new GridLayout(3, false));
        new Label(bar, SWT.NONE).setText("Go to address or symbol:");
        goTo = new Text(bar, SWT.BORDER | SWT.SINGLE);
        goTo.setMessage("0x100000, main, switch_context+4, $rip");
        goTo.setLayoutData(new GridData(260, SWT.DEFAULT));
        goTo.addListener(SWT.DefaultSelection, e -> goTo(goTo.getText()));
        status = new Label(bar, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text = new StyledText(parent, SWT.H_SCROLL | SWT.V_SCROLL | SWT.READ_ONLY);
        ruler = new DisassemblyRuler(parent, text, this::marks, this::toggleBreakpoint);
        // the ruler sits left of the text
        ruler.control().moveAbove(text);
        GridData rd = new GridData(SWT.LEFT, SWT.FILL, false, true);
        rd.widthHint = DisassemblyRuler.WIDTH;
        ruler.control().setLayoutData(rd);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        text.setFont(JFaceResources.getTextFont());
        doc = new DisassemblyDocument((file, line) -> target == null ? "" : target.disassembly().sourceLine(file, line));
        text.getVerticalBar().addListener(SWT.Selection, e -> scrolled());
        text.addListener(SWT.MouseVerticalWheel, e -> Display.getCurrent().asyncExec(this::scrolled));
        contributeActions();
        IDebugContextService cs = DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow());
        cs.addDebugContextListener(this);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpointListener(this);
        contextChanged(cs.getActiveContext());
    }

    private void contributeActions() {
        IToolBarManager tb = getViewSite().getActionBars().getToolBarManager();
        IAction bytes = new Action("Show Opcodes", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                doc.setShowBytes(isChecked());
                refreshText(-1);
            }
        };
        bytes.setChecked(true);
        IAction source = new Action("Show Source", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                doc.setShowSource(isChecked());
                refreshText(-1);
            }
        };
        source.setChecked(true);
        stepping = new Action("Instruction Stepping Mode", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                InstructionSteppingHandler.set(target, isChecked());
            }
        };
        stepping.setImageDescriptor(InstructionSteppingHandler.icon());
        stepping.setToolTipText("Instruction Stepping Mode: Step Into/Over step one instruction (stepi/nexti)");
        tb.add(stepping);
        getViewSite().getActionBars().getMenuManager().add(bytes);
        getViewSite().getActionBars().getMenuManager().add(source);
    }

    @Override
    public void setFocus() {
        text.setFocus();
    }

    @Override
    public void dispose() {
        DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow()).removeDebugContextListener(this);
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpointListener(this);
        super.dispose();
    }

    // ---- following the Debug view ----

    @Override
    public void debugContextChanged(DebugContextEvent event) {
        if ((event.getFlags() & DebugContextEvent.ACTIVATED) != 0) {
            contextChanged(event.getContext());
        }
    }

    private void contextChanged(org.eclipse.jface.viewers.ISelection sel) {
        Object o = sel instanceof IStructuredSelection s ? s.getFirstElement() : null;
        if (o instanceof RuedoStackFrame f) {
            target = (RuedoDebugTarget) f.getDebugTarget();
            stepping.setChecked(target.isInstructionStepping());
            long at = MIInstruction.parseAddress(f.frame().addr());
            fetch(() -> show(at, (RuedoThread) f.getThread()));
        } else if (o instanceof RuedoThread || o instanceof RuedoDebugTarget) {
            target = (RuedoDebugTarget) ((org.eclipse.debug.core.model.IDebugElement) o).getDebugTarget();
            stepping.setChecked(target.isInstructionStepping());
        }
    }

    /** Shows the instructions around {@code address}; {@code thread} (may be null) owns the PC marker. */
    private Runnable show(long address, RuedoThread thread) throws DebugException {
        RuedoDebugTarget t = target;
        List<MIInstruction> insns = thread != null && doc.contains(address) ? null : t.disassembly().around(address, 30, 100);
        Set<Long> others = new HashSet<>();
        if (thread != null) {
            for (IThread th : t.getThreads()) {
                if (th != thread && th.getTopStackFrame() instanceof RuedoStackFrame f) {
                    others.add(MIInstruction.parseAddress(f.frame().addr()));
                }
            }
        }
        Map<Long, Boolean> bps = breakpointAddresses(t);
        return () -> {
            if (insns != null) {
                doc.set(insns);
            }
            pc = thread != null ? address : pc;
            otherPcs = others;
            breakpoints = bps;
            refreshText(address);
            status.setText(insns != null && insns.isEmpty() ? "Nothing to disassemble at 0x" + Long.toHexString(address) : "");
        };
    }

    private void goTo(String where) {
        if (target == null || !target.isSuspended()) {
            status.setText("Go to needs a suspended debug session");
            return;
        }
        String exp = where.strip();
        fetch(() -> {
            long a;
            try {
                a = target.addressOf(exp.matches("[A-Za-z_]\\w*") ? "&" + exp : exp);
            } catch (DebugException e) {
                return () -> status.setText("'" + exp + "': " + e.getMessage());
            }
            return show(a, null);
        });
    }

    // ---- scrolling ----

    private void scrolled() {
        if (busy || target == null || doc.instructions().isEmpty() || !target.isSuspended()) {
            return;
        }
        int top = text.getTopIndex();
        int visible = text.getClientArea().height / Math.max(1, text.getLineHeight());
        List<MIInstruction> insns = doc.instructions();
        if (top < 3) {
            long first = insns.get(0).address();
            fetch(() -> {
                List<MIInstruction> up = target.disassembly().up(first, FETCH);
                return () -> {
                    int added = doc.prepend(up);
                    refreshText(-1);
                    text.setTopIndex(top + added);
                };
            });
        } else if (top + visible > text.getLineCount() - 3) {
            long end = insns.get(insns.size() - 1).end();
            fetch(() -> {
                List<MIInstruction> down = target.disassembly().down(end, FETCH);
                return () -> {
                    doc.append(down);
                    refreshText(-1);
                    text.setTopIndex(top);
                };
            });
        }
    }

    // ---- breakpoints ----

    private static Map<Long, Boolean> breakpointAddresses(RuedoDebugTarget t) {
        Map<Long, Boolean> out = new HashMap<>();
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID)) {
            try {
                if (b instanceof RuedoAddressBreakpoint ab && ab.stale().isEmpty()) {
                    out.put(ab.address(), b.isEnabled());
                } else if (b instanceof RuedoLineBreakpoint lb && t != null) {
                    for (long a : t.breakpointAddresses(lb)) {
                        out.put(a, b.isEnabled());
                    }
                }
            } catch (CoreException e) {
                // a breakpoint whose marker went away meanwhile
            }
        }
        return out;
    }

    private void toggleBreakpoint(int row) {
        if (row < 0 || row >= doc.rows().size()) {
            return;
        }
        MIInstruction i = doc.rows().get(row).insn();
        try {
            IResource res = target != null ? target.qemu().project() : ResourcesPlugin.getWorkspace().getRoot();
            RuedoBreakpoints.toggleAddressBreakpoint(res, i.address(), i.function(), Math.max(0, i.offset()));
        } catch (CoreException e) {
            status.setText(e.getMessage());
        }
    }

    @Override
    public void breakpointAdded(IBreakpoint b) {
        breakpointsChanged();
    }

    @Override
    public void breakpointRemoved(IBreakpoint b, IMarkerDelta d) {
        breakpointsChanged();
    }

    @Override
    public void breakpointChanged(IBreakpoint b, IMarkerDelta d) {
        breakpointsChanged();
    }

    private void breakpointsChanged() {
        RuedoDebugTarget t = target;
        new Thread(() -> {
            Map<Long, Boolean> bps = breakpointAddresses(t);
            Display.getDefault().asyncExec(() -> {
                breakpoints = bps;
                ruler.redraw();
            });
        }, "disassembly-breakpoints").start();
    }

    // ---- painting ----

    /** Ruler marks per row, for the rows that have any. */
    Map<Integer, DisassemblyRuler.Marks> marks() {
        Map<Integer, DisassemblyRuler.Marks> out = new HashMap<>();
        List<DisassemblyDocument.Row> rows = doc.rows();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).source()) {
                continue;
            }
            long a = rows.get(r).insn().address();
            Boolean bp = breakpoints.get(a);
            boolean isPc = a == pc;
            boolean other = otherPcs.contains(a);
            if (bp != null || isPc || other) {
                out.put(r, new DisassemblyRuler.Marks(bp != null, bp != null && bp, isPc, other));
            }
        }
        return out;
    }

    /** Sets the text; scrolls {@code reveal} (an address, or -1) into view. */
    private void refreshText(long reveal) {
        if (text.isDisposed()) {
            return;
        }
        text.setText(doc.text());
        List<StyleRange> styles = new ArrayList<>();
        Color src = text.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE);
        Color sym = text.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        int offset = 0;
        List<DisassemblyDocument.Row> rows = doc.rows();
        for (int r = 0; r < rows.size(); r++) {
            String t = rows.get(r).text();
            if (rows.get(r).source()) {
                styles.add(new StyleRange(offset, t.length(), src, null, SWT.ITALIC));
            } else {
                int lt = t.indexOf('<');
                int gt = t.indexOf('>');
                if (lt > 0 && gt > lt) {
                    styles.add(new StyleRange(offset + lt, gt - lt + 1, sym, null));
                }
            }
            offset += t.length() + 1;
        }
        text.setStyleRanges(styles.toArray(StyleRange[]::new));
        int pcRow = doc.rowOf(pc);
        if (pcRow >= 0) {
            text.setLineBackground(pcRow, 1, new Color(text.getDisplay(), 0xc6, 0xdb, 0xae));
        }
        int row = reveal >= 0 ? doc.rowOf(reveal) : -1;
        if (row >= 0) {
            int visible = text.getClientArea().height / Math.max(1, text.getLineHeight());
            text.setTopIndex(Math.max(0, row - visible / 3));
        }
        ruler.redraw();
    }

    // ---- gdb off the UI thread ----

    private interface Fetch {
        Runnable get() throws DebugException;
    }

    private void fetch(Fetch f) {
        if (target == null) {
            return;
        }
        busy = true;
        Display display = text.getDisplay();
        Thread t = new Thread(() -> {
            Runnable then;
            try {
                then = f.get();
            } catch (DebugException | RuntimeException e) {
                then = () -> status.setText(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            Runnable done = then;
            display.asyncExec(() -> {
                busy = false;
                if (!text.isDisposed()) {
                    done.run();
                }
            });
        }, "disassembly-fetch");
        t.setDaemon(true);
        t.start();
    }

    /** The mode changed elsewhere (the Debug view's toggle). */
    void steppingChanged(boolean on) {
        if (stepping != null) {
            stepping.setChecked(on);
        }
    }

    // for tests

    /** The text as shown. */
    public String shownText() {
        return text.getText();
    }

    /** The row (0-based text line) the PC marker is on, or -1. */
    public int pcRow() {
        return doc.rowOf(pc);
    }

    /** The ruler (for pixel checks) and the text widget. */
    public org.eclipse.swt.widgets.Canvas rulerControl() {
        return ruler.control();
    }

    public StyledText textControl() {
        return text;
    }

    /** Simulates a double-click in the ruler on a row. */
    public void doubleClickRuler(int row) {
        toggleBreakpoint(row);
    }

    /** True while a fetch from gdb runs. */
    public boolean isBusy() {
        return busy;
    }
}
