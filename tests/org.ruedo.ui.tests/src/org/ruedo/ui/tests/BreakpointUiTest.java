package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoFunctionBreakpoint;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.ui.internal.debug.AddFunctionBreakpointHandler;
import org.ruedo.ui.internal.debug.BreakpointPropertyPage;

/** Add Function Breakpoint... (Run menu, Breakpoints view toolbar) and the breakpoint property page, through their widgets. */
class BreakpointUiTest {
    private IProject project;

    @AfterEach
    void tearDown() throws Exception {
        // a dialog left open fails the test (org.ruedo.tests.support.NoUnexpectedErrors), it is not closed here
        var mgr = DebugPlugin.getDefault().getBreakpointManager();
        mgr.removeBreakpoints(mgr.getBreakpoints(RuedoLineBreakpoint.MODEL_ID), true);
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    private static void closeDialogs() {
        Shell workbench = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        for (Shell s : Finder.display().getShells()) {
            if (s != workbench && !s.isDisposed() && s.isVisible()) {
                s.close();
            }
        }
        Finder.pump(50);
    }


    private interface DialogScript {
        void run(Shell dialog) throws Exception;
    }

    /**
     * Presses {@code press} (which opens a modal dialog and returns only when it closes) and plays {@code script}
     * on the dialog from inside the dialog's event loop ({@code press} must not pump events before it presses). A failing script closes every dialog, so nothing blocks.
     */
    private static void answerDialog(String title, Runnable press, DialogScript script) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        boolean[] pressing = { false };
        boolean[] ran = { false };
        Runnable[] answer = { null };
        answer[0] = () -> {
            if (!pressing[0]) {   // pumped before the press (menus pump while they fill): wait for the dialog's loop
                Finder.display().asyncExec(answer[0]);
                return;
            }
            ran[0] = true;
            try {
                Finder.waitUntil(() -> Finder.shellTitled(title) != null, 10, "dialog '" + title + "'; shells:\n" + Finder.dump());
                script.run(Finder.shellTitled(title));
            } catch (Throwable t) {
                failure.set(t);
                closeDialogs();
            }
        };
        Finder.display().asyncExec(answer[0]);
        pressing[0] = true;
        press.run();
        Finder.waitUntil(() -> ran[0], 10, "the dialog script ran");
        if (failure.get() instanceof Error e) {
            throw e;
        } else if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** Types into the dialog's field: a name that is not a C identifier keeps OK disabled; a good one is accepted. */
    private static DialogScript enterFunction(String function) {
        return d -> {
            Text name = Finder.find(d, Text.class, t -> (t.getStyle() & SWT.READ_ONLY) == 0);
            Button ok = Finder.button(d, "OK");
            assertFalse(ok.isEnabled(), "OK is disabled while the name is empty");
            for (String bad : List.of("1st", "not a name", "vprintk()", "int")) {
                Finder.type(name, bad);
                assertFalse(ok.isEnabled(), "OK stays disabled for '" + bad + "'");
            }
            Finder.type(name, "not a name");
            assertTrue(Finder.showsText(d, "is not a C identifier"), Finder.dump());
            Finder.type(name, function);
            assertTrue(ok.isEnabled(), "OK is enabled for '" + function + "'");
            Finder.click(ok);
        };
    }

    private static List<RuedoFunctionBreakpoint> functionBreakpoints(String function) {
        return Arrays.stream(DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID))
                .filter(b -> b instanceof RuedoFunctionBreakpoint f && f.function().equals(function))
                .map(RuedoFunctionBreakpoint.class::cast).toList();
    }

    @Test
    void functionNameValidation() {
        assertEquals(null, AddFunctionBreakpointHandler.validate("vprintk"));
        assertEquals(null, AddFunctionBreakpointHandler.validate("  _start2 "));
        assertNotNull(AddFunctionBreakpointHandler.validate(""));
        assertNotNull(AddFunctionBreakpointHandler.validate("9lives"));
        assertNotNull(AddFunctionBreakpointHandler.validate("a-b"));
        assertNotNull(AddFunctionBreakpointHandler.validate("while"));
    }

    @Test
    void addFunctionBreakpointFromRunMenuAndBreakpointsView() throws Exception {
        project = UiFixtures.newProject("fnbpdemo");
        UiFixtures.selectInProjectExplorer(project);
        MenuItem add = UiFixtures.menuBarItem("Run", "Add Function Breakpoint...");
        assertTrue(add.isEnabled(), "Run > Add Function Breakpoint... is enabled");
        answerDialog(AddFunctionBreakpointHandler.TITLE, () -> UiFixtures.press(add), enterFunction("vprintk"));
        List<RuedoFunctionBreakpoint> made = functionBreakpoints("vprintk");
        assertEquals(1, made.size(), "one function breakpoint on vprintk");
        RuedoFunctionBreakpoint bp = made.get(0);
        assertEquals(project, bp.getMarker().getResource(), "its marker is on the selected project");
        assertTrue(bp.isEnabled());
        assertEquals("vprintk", bp.gdbLocation());
        assertEquals("", bp.condition());

        // Cancel adds nothing
        int before = DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID).length;
        MenuItem addAgain = UiFixtures.menuBarItem("Run", "Add Function Breakpoint...");
        answerDialog(AddFunctionBreakpointHandler.TITLE, () -> UiFixtures.press(addAgain),
                d -> {
                    Finder.type(Finder.find(d, Text.class, t -> (t.getStyle() & SWT.READ_ONLY) == 0), "square");
                    Finder.click(Finder.button(d, "Cancel"));
                });
        assertEquals(before, DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(RuedoLineBreakpoint.MODEL_ID).length);

        // the Breakpoints view's toolbar: with the vprintk breakpoint selected, the new one goes on its project
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart view = page.showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        page.activate(view);
        ISelectionProvider sp = view.getSite().getSelectionProvider();
        Finder.waitUntil(() -> {
            sp.setSelection(new StructuredSelection(bp));
            Finder.pump(100);
            return sp.getSelection() instanceof IStructuredSelection ss && ss.size() == 1 && bp.equals(ss.getFirstElement());
        }, 15, "the vprintk breakpoint selected in the Breakpoints view");
        ToolItem tool = breakpointsViewToolItem(view, "Add Function Breakpoint...");
        assertTrue(tool.isEnabled(), "the toolbar button is enabled");
        Finder.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "breakpoints-view");
        answerDialog(AddFunctionBreakpointHandler.TITLE, () -> {
            tool.notifyListeners(SWT.Selection, new Event());
            Finder.pump(100);
        }, enterFunction("square"));
        List<RuedoFunctionBreakpoint> square = functionBreakpoints("square");
        assertEquals(1, square.size(), "one function breakpoint on square");
        assertEquals(project, square.get(0).getMarker().getResource());
    }

    /** The tool item of the Breakpoints view's toolbar whose tooltip starts with {@code tooltip}. */
    private static ToolItem breakpointsViewToolItem(IViewPart view, String tooltip) {
        Shell shell = view.getSite().getShell();
        AtomicReference<ToolItem> found = new AtomicReference<>();
        Finder.waitUntil(() -> {
            for (ToolBar tb : Finder.all(shell, ToolBar.class)) {
                for (ToolItem i : tb.getItems()) {
                    if (i.getToolTipText() != null && i.getToolTipText().replace("&", "").startsWith(tooltip)) {
                        found.set(i);
                        return true;
                    }
                }
            }
            return false;
        }, 10, "'" + tooltip + "' in the Breakpoints view's toolbar");
        return found.get();
    }

    private static Shell openPropertyPage(IBreakpoint bp) {
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog d = PreferencesUtil.createPropertyDialogOn(parent, bp, BreakpointPropertyPage.ID, null, null);
        assertNotNull(d, "a property dialog for the breakpoint");
        d.setBlockOnOpen(false);
        d.open();
        return d.getShell();
    }

    @Test
    void propertyPageEditsConditionAndEnablement() throws Exception {
        project = UiFixtures.newProject("bpprops");
        IFile main = project.getFile("main.c");
        RuedoLineBreakpoint bp = RuedoBreakpoints.toggleLineBreakpoint(main, 3);
        // what the breakpoint service watches: marker deltas (POST_CHANGE) of the breakpoint's marker
        List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.eclipse.core.resources.IResourceChangeListener watcher = event -> {
            for (var d : event.findMarkerDeltas(RuedoLineBreakpoint.MARKER, true)) {
                if (d.getId() == bp.getMarker().getId() && d.getKind() == org.eclipse.core.resources.IResourceDelta.CHANGED) {
                    changes.add(d.getMarker().getAttribute(RuedoLineBreakpoint.CONDITION, "") + "/"
                            + d.getMarker().getAttribute(IBreakpoint.ENABLED, true));
                }
            }
        };
        org.eclipse.core.resources.ResourcesPlugin.getWorkspace().addResourceChangeListener(watcher,
                org.eclipse.core.resources.IResourceChangeEvent.POST_CHANGE);
        try {
            editOnThePage(bp, changes);
        } finally {
            org.eclipse.core.resources.ResourcesPlugin.getWorkspace().removeResourceChangeListener(watcher);
        }
    }

    private void editOnThePage(RuedoLineBreakpoint bp, List<String> changes) throws Exception {

        Shell shell = openPropertyPage(bp);
        assertTrue(Finder.showsText(shell, "bpprops/main.c:3"), "the location is shown:\n" + Finder.dump());
        assertTrue(Finder.showsText(shell, "Line breakpoint"));
        Button enabled = Finder.button(shell, "Enabled");
        assertTrue(enabled.getSelection());
        Text condition = Finder.field(shell, "Condition:", Text.class);
        assertEquals("", condition.getText());
        Finder.screenshot(shell, "breakpoint-properties");
        Finder.type(condition, "argc == 3");
        Finder.click(enabled);
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "property dialog closed");
        assertEquals("argc == 3", bp.condition());
        assertEquals("argc == 3", bp.getMarker().getAttribute(RuedoLineBreakpoint.CONDITION, ""));
        assertFalse(bp.isEnabled());
        assertFalse(bp.getMarker().getAttribute(IBreakpoint.ENABLED, true));
        Finder.waitUntil(() -> changes.contains("argc == 3/false"), 10, "a marker delta with the new condition; got " + changes);

        // opened again it shows what was written; Cancel changes nothing
        Shell again = openPropertyPage(bp);
        assertEquals("argc == 3", Finder.field(again, "Condition:", Text.class).getText());
        assertFalse(Finder.button(again, "Enabled").getSelection());
        Finder.type(Finder.field(again, "Condition:", Text.class), "0");
        Finder.click(Finder.button(again, "Cancel"));
        Finder.waitUntil(again::isDisposed, 10, "property dialog cancelled");
        assertEquals("argc == 3", bp.condition());

        // an empty condition means none; enabling again
        Shell third = openPropertyPage(bp);
        Finder.type(Finder.field(third, "Condition:", Text.class), "");
        Finder.click(Finder.button(third, "Enabled"));
        Finder.click(Finder.button(third, "Apply and Close"));
        Finder.waitUntil(third::isDisposed, 10, "property dialog closed");
        assertEquals("", bp.condition());
        assertTrue(bp.isEnabled());
    }

    @Test
    void propertyPageOfAFunctionBreakpointShowsTheFunction() throws Exception {
        project = UiFixtures.newProject("fnprops");
        RuedoFunctionBreakpoint bp = RuedoBreakpoints.addFunctionBreakpoint(project, "vprintk");
        Shell shell = openPropertyPage(bp);
        assertTrue(Finder.showsText(shell, "vprintk()"), Finder.dump());
        assertTrue(Finder.showsText(shell, "Function breakpoint"));
        Finder.type(Finder.field(shell, "Condition:", Text.class), "n > 1");
        Finder.click(Finder.button(shell, "Apply and Close"));
        Finder.waitUntil(shell::isDisposed, 10, "property dialog closed");
        assertEquals("n > 1", bp.condition());
        assertEquals("n > 1", bp.getMarker().getAttribute(RuedoLineBreakpoint.CONDITION, ""));
    }
}
