package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.ui.internal.editors.CodeEditor;

/** Debug As &gt; Unikernel in the workbench, with the real QEMU and gdb: a ruler breakpoint, the Debug view, Step Over, Run to Line, the gdb console, Terminate. */
class RunAndDebugTest {
    private static final String RUN_TO_LINE = "org.eclipse.debug.ui.commands.RunToLine";
    private IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.newUserInUnikernelPerspective();
    }

    @AfterEach
    void tearDown() throws Exception {
        UiFixtures.cleanUp(project);
    }

    @Test
    void debugAsUnikernelStopsAtARulerBreakpointStepsAndTerminates() throws Exception {
        project = UiFixtures.newProject("dbgdemo");
        IFile main = project.getFile("main.c");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        CodeEditor editor = (CodeEditor) IDE.openEditor(page, main, CodeEditor.C_ID);
        StyledText st = (StyledText) editor.getAdapter(Control.class);
        String[] lines = st.getText().split("\n", -1);
        int line = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("printk(\"hello from Ruedo")) {
                line = i + 1;
            }
        }
        assertTrue(line > 0);

        // double-click the ruler next to that line
        IVerticalRulerInfo ruler = editor.getAdapter(IVerticalRulerInfo.class);
        Control rc = ruler.getControl();
        // a composite ruler tracks the clicked line through its columns (annotations, line numbers): click the first
        if (rc instanceof org.eclipse.swt.widgets.Composite comp && comp.getChildren().length > 0) {
            rc = comp.getChildren()[0];
        }
        st.setTopIndex(0);
        Rulers.doubleClick(rc, st, line - 1);
        final int bpAt = line;
        Finder.waitUntil(() -> {
            try {
                return RuedoBreakpoints.find(main, bpAt) != null;
            } catch (org.eclipse.core.runtime.CoreException ex) {
                return false;
            }
        }, 10, "ruler double-click made a breakpoint on line " + line);
        RuedoLineBreakpoint bp = RuedoBreakpoints.find(main, line);

        UiFixtures.launchFromProjectExplorer(main, "Debug As");
        ILaunch launch = UiFixtures.launchOf(project);
        Finder.waitUntil(() -> launch.getDebugTarget() != null, 60, "debug target");
        RuedoDebugTarget target = (RuedoDebugTarget) launch.getDebugTarget();
        Finder.waitUntil(target::isSuspended, 60, "stop at main");
        target.resume();
        final int bpLine = line;
        Finder.waitUntil(() -> target.isSuspended() && target.lastStop() != null && target.lastStop().frame().line() == bpLine,
                60, "breakpoint hit");

        // the Debug view shows the suspended thread, its top frame at that line selected
        IViewPart debugView = page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        Finder.waitUntil(() -> DebugUITools.getDebugContext() instanceof RuedoStackFrame f && f.getLineNumber() == bpLine,
                30, "Debug view selection on the breakpoint line");
        RuedoStackFrame frame = (RuedoStackFrame) DebugUITools.getDebugContext();
        assertTrue(Arrays.asList(frame.getThread().getBreakpoints()).contains((IBreakpoint) bp));
        Tree tree = (Tree) ((org.eclipse.debug.ui.IDebugView) debugView).getViewer().getControl();
        // the thread's label says why it stopped; the selected frame's label names the breakpoint's file:line
        String frameAtBp = "main\\(\\) at .*main\\.c:" + bpLine;
        try {
            Finder.waitUntil(() -> treeText(tree.getItems()).contains("CPU 0 (gdb thread 1) (Suspended: breakpoint)")
                    && selectedLabel(tree).matches(frameAtBp), 30, "thread and frame labels in the Debug view");
        } catch (AssertionError err) {
            throw new AssertionError(err.getMessage() + ": selected '" + selectedLabel(tree) + "' in\n" + treeText(tree.getItems()));
        }
        assertTrue(selectedLabel(tree).matches(frameAtBp), selectedLabel(tree));
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "debug-session");

        // step over with the Step Over command, as the toolbar does
        // the Debug view's Step Over command on the selected frame
        debugCommand(org.eclipse.debug.core.commands.IStepOverHandler.class, frame);
        Finder.waitUntil(() -> target.isSuspended() && target.lastStop().frame().line() > bpLine, 30, "step over");
        assertInstanceOf(org.ruedo.debug.mi.events.StopReason.SteppingRange.class, target.lastStop().reason());
        int stepLine = target.lastStop().frame().line();
        String frameAfterStep = "main\\(\\) at .*main\\.c:" + stepLine;
        try {
            Finder.waitUntil(() -> treeText(tree.getItems()).contains("CPU 0 (gdb thread 1) (Suspended)")
                    && selectedLabel(tree).matches(frameAfterStep), 30, "Debug view after the step to line " + stepLine);
        } catch (AssertionError err) {
            throw new AssertionError(err.getMessage() + ": selected '" + selectedLabel(tree) + "' in\n" + treeText(tree.getItems()));
        }
        assertTrue(!treeText(tree.getItems()).contains("Suspended: breakpoint"), "a step is not a breakpoint stop: " + treeText(tree.getItems()));

        // Run > Run to Line (Ctrl+R) with the caret on a later line of the editor
        int toLine = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("uptime_ms()")) {
                toLine = i + 1;
            }
        }
        assertTrue(toLine > stepLine + 1, "a line past the next one: " + toLine);
        final int runToLine = toLine;
        // the debugger's source display puts the caret on the line it stopped at; only then move it (else it moves it back)
        Finder.waitUntil(() -> caretLine(editor) == stepLine, 30, "the editor showing the stop on line " + stepLine);
        page.activate(editor);
        org.eclipse.jface.text.IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        editor.selectAndReveal(doc.getLineOffset(runToLine - 1) + 4, 0);
        Finder.waitUntil(() -> caretLine(editor) == runToLine, 10, "the caret on line " + runToLine);
        var bindings = PlatformUI.getWorkbench().getService(org.eclipse.ui.keys.IBindingService.class);
        assertEquals("Ctrl+R", bindings.getBestActiveBindingFormattedFor(RUN_TO_LINE), "the key binding of Run to Line");
        // Run > Run to Line in the workbench window's menu bar (the item Ctrl+R invokes): enabled because the editor
        // offers a run-to-line target and the Debug view's context is a suspended frame
        MenuItem runToLineItem = UiFixtures.menuBarItem("Run", "Run to Line");
        assertTrue(runToLineItem.isEnabled(), "Run > Run to Line enabled while suspended");
        UiFixtures.press(runToLineItem);
        try {
            Finder.waitUntil(() -> target.isSuspended() && target.lastStop().frame().line() == runToLine, 30, "run to line " + runToLine);
        } catch (AssertionError err) {
            throw new AssertionError(err.getMessage() + ": suspended " + target.isSuspended() + ", last stop " + target.lastStop());
        }
        assertInstanceOf(org.ruedo.debug.mi.events.StopReason.LocationReached.class, target.lastStop().reason());
        String frameAtRunToLine = "main\\(\\) at .*main\\.c:" + runToLine;
        try {
            Finder.waitUntil(() -> selectedLabel(tree).matches(frameAtRunToLine), 30, "Debug view after Run to Line");
        } catch (AssertionError err) {
            throw new AssertionError(err.getMessage() + ": selected '" + selectedLabel(tree) + "' in\n" + treeText(tree.getItems()));
        }

        // the gdb console takes CLI commands
        Finder.waitUntil(() -> gdbConsole("dbgdemo") != null, 30, "gdb console");
        org.eclipse.ui.console.IOConsole gdbConsole = gdbConsole("dbgdemo");
        gdbConsole.getInputStream().appendData("print sum\n");
        Finder.waitUntil(() -> gdbConsole.getDocument().get().contains("= 13"), 30, "gdb console answer: " + gdbConsole.getDocument().get());

        long gdbPid = target.gdbProcess().pid();
        long qemuPid = target.qemu().pid();
        // Terminate while suspended: the guest stops at once (the rest of main() would print "uptime: ...")
        TextConsole guest = UiFixtures.consoleFor("dbgdemo");
        int before = guest.getDocument().getLength();
        assertFalse(guest.getDocument().get().contains("uptime:"), "suspended before the uptime line");
        debugCommand(org.eclipse.debug.core.commands.ITerminateHandler.class, target.getLaunch());
        Finder.waitUntil(target::isTerminated, 30, "terminate");
        Finder.waitUntil(() -> treeText(tree.getItems()).contains("<terminated>"), 30, "the terminated label in the Debug view: "
                + treeText(tree.getItems()));
        Finder.waitUntil(() -> launch.getProcesses().length > 0 && launch.getProcesses()[0].isTerminated(), 30, "QEMU's process ended");
        String after = guest.getDocument().get().substring(before);
        assertFalse(after.contains("uptime:") || after.contains("main() returned"), "no guest output after Terminate: " + after);
        page.activate(editor);
        MenuItem rtl = UiFixtures.menuBarItem("Run", "Run to Line");
        assertTrue(!rtl.isEnabled(), "no Run to Line without a suspended session");
        Finder.waitUntil(() -> !ProcessHandle.of(gdbPid).map(ProcessHandle::isAlive).orElse(false)
                && !ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), 20, "gdb and QEMU gone");
        // other QEMUs may run on this machine (other test suites): count only the ones booting this project's image
        assertEquals(0, UiFixtures.live("dbgdemo.img"), "no QEMU left for dbgdemo");
        // removing the terminated launch (Debug view: Remove All Terminated) takes its gdb console with it
        assertTrue(java.util.Arrays.asList(ConsolePlugin.getDefault().getConsoleManager().getConsoles()).contains(gdbConsole));
        org.eclipse.debug.core.DebugPlugin.getDefault().getLaunchManager().removeLaunch(target.getLaunch());
        Finder.waitUntil(() -> !java.util.Arrays.asList(ConsolePlugin.getDefault().getConsoleManager().getConsoles()).contains(gdbConsole),
                10, "gdb console removed with its launch");
    }

    /** The 1-based line of the editor's caret. */
    private static int caretLine(CodeEditor editor) {
        return ((org.eclipse.jface.text.ITextSelection) editor.getSelectionProvider().getSelection()).getStartLine() + 1;
    }

    /** The label of the Debug view's selected item (the frame the debugger selects on a stop). */
    private static String selectedLabel(Tree tree) {
        TreeItem[] sel = tree.getSelection();
        return sel.length == 1 ? sel[0].getText() : "<" + sel.length + " selected>";
    }

    /** Runs a debug command (as the Debug view's toolbar does) on the given elements of the Debug view. */
    private static void debugCommand(Class<?> handler, Object element) {
        var service = org.eclipse.debug.internal.ui.commands.actions.DebugCommandService
                .getService(PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        // the return value says whether the command stays enabled afterwards, not whether it ran: effects are checked by the caller
        service.executeCommand(handler, new Object[] { element }, null);
    }

    /** The gdb console of this project's launch (its name is "gdb: " and the launch configuration's name). */
    private static org.eclipse.ui.console.IOConsole gdbConsole(String projectName) {
        for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (c instanceof org.eclipse.ui.console.IOConsole io && c.getName().startsWith("gdb: ") && c.getName().contains(projectName)) {
                return io;
            }
        }
        return null;
    }

    private static String treeText(TreeItem[] items) {
        StringBuilder sb = new StringBuilder();
        for (TreeItem i : items) {
            sb.append(i.getText()).append('\n');
            sb.append(treeText(i.getItems()));
        }
        return sb.toString();
    }
}
