package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoAddressBreakpoint;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.breakpoints.RuedoWatchpoint;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.ui.internal.UnikernelPerspective;
import org.ruedo.ui.internal.debug.disassembly.DisassemblyView;

/**
 * Issue 13 in the workbench with real QEMU and gdb: the Disassembly view while suspended (PC marker on the
 * selected frame's instruction, painted), Instruction Stepping Mode and a step, a ruler double-click that
 * sets an address breakpoint (icon painted), and Watch... from the Variables view's context menu, hit.
 */
class DisassemblyUiTest {
    private IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.assertNewUserDefaults();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().showPerspective(UnikernelPerspective.ID, page.getWorkbenchWindow());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            if (!l.isTerminated()) {
                l.terminate();
            }
        }
        Finder.waitUntil(() -> Arrays.stream(DebugPlugin.getDefault().getLaunchManager().getLaunches()).allMatch(ILaunch::isTerminated),
                30, "launches terminated");
        Finder.pump(500);
        var mgr = DebugPlugin.getDefault().getBreakpointManager();
        mgr.removeBreakpoints(mgr.getBreakpoints(RuedoLineBreakpoint.MODEL_ID), true);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    /** Non-background pixels of the ruler in a row's box between x0 and x1. */
    private static int inked(Canvas ruler, int row, int lineHeight, int topIndex, int x0, int x1) {
        Point size = ruler.getSize();
        Image img = new Image(ruler.getDisplay(), size.x, size.y);
        GC gc = new GC(ruler);
        gc.copyArea(img, 0, 0);
        gc.dispose();
        ImageData d = img.getImageData();
        img.dispose();
        int bg = d.getPixel(size.x - 1, 0);
        int y0 = (row - topIndex) * lineHeight;
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(size.y, y0 + lineHeight); y++) {
            for (int x = x0; x < x1; x++) {
                if (d.getPixel(x, y) != bg) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long pc(RuedoStackFrame f) {
        return MIInstruction.parseAddress(f.frame().addr());
    }

    @Test
    void disassemblyViewPcMarkerInstructionStepRulerBreakpointAndWatchFromVariables() throws Exception {
        project = UiFixtures.newProject("disasm");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        UiFixtures.launchFromProjectExplorer(project, "Debug As");
        Finder.waitUntil(() -> DebugPlugin.getDefault().getLaunchManager().getDebugTargets().length > 0, 240, "debug target (the launch builds the kernel first; slow under load)");
        RuedoDebugTarget target = (RuedoDebugTarget) DebugPlugin.getDefault().getLaunchManager().getDebugTargets()[0];
        Finder.waitUntil(target::isSuspended, 120, "stop at main");
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        Finder.waitUntil(() -> DebugUITools.getDebugContext() instanceof RuedoStackFrame, 30, "a frame selected");
        RuedoStackFrame frame = (RuedoStackFrame) DebugUITools.getDebugContext();

        // open the view while suspended: the PC marker is on the selected frame's instruction
        DisassemblyView view = (DisassemblyView) page.showView(DisassemblyView.ID);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        Finder.pump(300);
        Finder.waitUntil(() -> !view.isBusy() && view.pcRow() >= 0, 30, "instructions around the PC");
        String[] lines = view.shownText().split("\n");
        String pcLine = lines[view.pcRow()];
        assertTrue(pcLine.contains(String.format("0x%016x", pc(frame))) && pcLine.contains("<main"), pcLine);
        assertTrue(view.shownText().contains("main.c:"), "source lines interleaved:\n" + view.shownText());
        var st = view.textControl();
        Finder.pump(300);
        assertTrue(inked(view.rulerControl(), view.pcRow(), st.getLineHeight(), st.getTopIndex(), 18, 34) > 20,
                "the instruction pointer is painted in the ruler at row " + view.pcRow());
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "disassembly-view");

        // Instruction Stepping Mode (the command of the Debug view's toggle), then Step Over = nexti
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.ruedo.ui.instructionStepping", null);
        assertTrue(target.isInstructionStepping());
        long before = pc(frame);
        MIInstruction insn = target.disassembly().range(before, before + 1).get(0);
        RuedoThread thread = (RuedoThread) frame.getThread();
        thread.stepOver();
        Finder.waitUntil(() -> target.isSuspended() && !thread.isStepping(), 30, "nexti");
        Finder.waitUntil(() -> DebugUITools.getDebugContext() instanceof RuedoStackFrame f && pc(f) == insn.end(), 30,
                "the Debug view on the next instruction");
        Finder.waitUntil(() -> !view.isBusy() && view.pcRow() >= 0
                && view.shownText().split("\n")[view.pcRow()].contains(String.format("0x%016x", insn.end())), 30,
                "the Disassembly view follows the step");
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.ruedo.ui.instructionStepping", null);

        // double-click in the ruler, three rows below the PC: an address breakpoint there, its icon painted
        int row = view.pcRow() + 3;
        String rowText = view.shownText().split("\n")[row];
        Event e = new Event();
        e.x = 8;
        e.y = (row - st.getTopIndex()) * st.getLineHeight() + st.getLineHeight() / 2;
        e.button = 1;
        e.count = 2;
        view.rulerControl().notifyListeners(SWT.MouseDoubleClick, e);
        long addr = Long.parseUnsignedLong(rowText.strip().substring(2, 18), 16);
        Finder.waitUntil(() -> RuedoBreakpoints.findAddress(addr) != null, 10, "address breakpoint at " + rowText);
        Finder.pump(500);
        assertTrue(inked(view.rulerControl(), row, st.getLineHeight(), st.getTopIndex(), 2, 18) > 20, "breakpoint icon painted");
        page.activate(view);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        Finder.pump(800);
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "disassembly-breakpoint");
        RuedoAddressBreakpoint bp = RuedoBreakpoints.findAddress(addr);
        assertTrue(bp.symbol().equals("main"), bp.symbol());
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(bp, true);

        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
        // Watch... on 'sum' from the Variables view's context menu; resume: it is hit at the assigning line
        IViewPart vars = page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        Tree tree = (Tree) ((org.eclipse.debug.ui.IDebugView) vars).getViewer().getControl();
        Finder.waitUntil(() -> Arrays.stream(tree.getItems()).anyMatch(i -> i.getText().equals("sum")), 30, "sum in the Variables view");
        TreeItem sum = Arrays.stream(tree.getItems()).filter(i -> i.getText().equals("sum")).findFirst().orElseThrow();
        tree.setSelection(sum);
        tree.notifyListeners(SWT.Selection, new Event());
        Finder.pump(200);
        Menu menu = tree.getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        Finder.pump(200);
        MenuItem watch = Arrays.stream(menu.getItems()).filter(i -> i.getText().replace("&", "").startsWith("Watch..."))
                .findFirst().orElse(null);
        assertNotNull(watch, "Watch... in " + Arrays.stream(menu.getItems()).map(MenuItem::getText).toList());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Finder.display().asyncExec(() -> {
            try {
                Finder.waitUntil(() -> shell("Add Watchpoint") != null, 10, "the watchpoint dialog");
                Shell d = shell("Add Watchpoint");
                assertEquals("sum", Finder.field(d, "Expression:", org.eclipse.swt.widgets.Text.class).getText());
                Finder.click(Finder.button(d, "OK"));
            } catch (Throwable t) {
                failure.set(t);
                if (shell("Add Watchpoint") != null) {
                    shell("Add Watchpoint").close();
                }
            }
        });
        UiFixtures.press(watch);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        List<IBreakpoint> ws = Arrays.stream(DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID))
                .filter(b -> b instanceof RuedoWatchpoint).toList();
        assertEquals(1, ws.size());
        Finder.waitUntil(() -> target.installedNumber((RuedoWatchpoint) ws.get(0)) != null, 30, "watchpoint set in gdb");
        target.resume();
        Finder.waitUntil(() -> target.isSuspended() && target.lastStop() != null
                && target.lastStop().reason() instanceof org.ruedo.debug.mi.events.StopReason.WatchpointTrigger, 60, "watchpoint hit");
        RuedoThread hit = (RuedoThread) target.getThreads()[0];
        assertTrue(hit.stateLabel().matches("Suspended: watchpoint 'sum' changed -?\\d+ -> 13"), hit.stateLabel());
        Finder.pump(500);
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "watchpoint-hit");
    }

    private static Shell shell(String title) {
        for (Shell s : Finder.display().getShells()) {
            if (!s.isDisposed() && s.isVisible() && s.getText().equals(title)) {
                return s;
            }
        }
        return null;
    }
}
