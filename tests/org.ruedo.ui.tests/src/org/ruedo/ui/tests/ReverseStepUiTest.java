package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.ui.internal.UnikernelPerspective;

/**
 * Reverse Step Over from the Debug view's toolbar on a replay (issue 15): a recorded run of an app that
 * clears a global and crashes later, replayed to a breakpoint on the clearing line; the toolbar's
 * "Reverse Step Over (replay)" button moves the editor's line back to the line before.
 */
class ReverseStepUiTest {
    private static final String MAIN = """
            #include <ruedo.h>
            struct config { int value; };
            static struct config the_config = { 7 };
            struct config *current_config = &the_config;
            int config_generation;
            __attribute__((noinline)) void forget_config(void)
            {
                config_generation++;
                current_config = 0;
            }
            int main(void)
            {
                forget_config();
                return current_config->value;
            }
            """;
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
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    @Test
    @Disabled("QEMU 7.2 deadlocks in gdb's reverse-step after a forward run (replay lock vs snapshot load from a timer;"
            + " README, Time-travel debugging): the test would hang 300 s; ReverseDebugTest covers Reverse Step Over")
    void reverseStepOverInTheDebugViewToolbarMovesTheEditorLineBack() throws Exception {
        project = UiFixtures.newProject("reverseui");
        Path dir = project.getLocation().toPath();
        Files.writeString(dir.resolve("main.c"), MAIN);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        IFile main = project.getFile("main.c");
        List<String> lines = Files.readAllLines(dir.resolve("main.c"));
        int write = lines.indexOf("    current_config = 0;") + 1;
        assertTrue(write > 1);

        ILaunchConfigurationType t = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy run = t.newInstance(null, "reverseui-record");
        run.setAttribute(LaunchConstants.ATTR_PROJECT, project.getName());
        run.setAttribute(LaunchConstants.ATTR_CPUS, 1);
        run.setAttribute(LaunchConstants.ATTR_RECORD, true);
        ILaunch recorded = run.launch(ILaunchManager.RUN_MODE, null);
        Finder.waitUntil(recorded::isTerminated, 300, "the recorded run");

        RuedoBreakpoints.toggleLineBreakpoint(main, write);
        ILaunchConfigurationWorkingCopy dbg = t.newInstance(null, "reverseui-replay");
        dbg.setAttribute(LaunchConstants.ATTR_PROJECT, project.getName());
        dbg.setAttribute(LaunchConstants.ATTR_REPLAY, "build/reverseui.replay");
        dbg.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, false);
        ILaunch replay = dbg.launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget target = (RuedoDebugTarget) replay.getDebugTarget();
        assertNotNull(target);
        Finder.waitUntil(() -> target.isSuspended() && target.lastStop().frame() != null && target.lastStop().frame().line() == write,
                300, "the breakpoint on the clearing line");

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart debugView = page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        Finder.waitUntil(() -> DebugUITools.getDebugContext() instanceof RuedoStackFrame f && f.getLineNumber() == write, 30,
                "the Debug view selecting the stopped frame");
        ITextEditor editor = (ITextEditor) IDE.openEditor(page, main);
        Finder.waitUntil(() -> caretLine(editor) == write, 30, "the editor showing line " + write);

        ToolItem reverse = null;
        StringBuilder seen = new StringBuilder();
        for (ToolBar bar : Finder.all(debugView.getSite().getShell(), ToolBar.class)) {
            for (ToolItem it : bar.getItems()) {
                String tip = it.getToolTipText();
                seen.append(tip).append(" | ");
                // the tooltip ends with the key binding, e.g. "Reverse Step Over (replay) (Shift+F6)"
                if (tip != null && tip.startsWith("Reverse Step Over (replay)")) {
                    reverse = it;
                }
            }
        }
        assertNotNull(reverse, "Reverse Step Over in the Debug view's toolbar; tool items: " + seen);
        ToolItem button = reverse;
        Finder.waitUntil(button::isEnabled, 30, "Reverse Step Over enabled on a suspended replay");
        button.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        Finder.waitUntil(() -> target.isSuspended() && target.lastStop().frame() != null && target.lastStop().frame().line() == write - 1,
                300, "Reverse Step Over to line " + (write - 1));
        Finder.waitUntil(() -> caretLine(editor) == write - 1, 30, "the editor's line going back to " + (write - 1));
        assertEquals(write - 1, caretLine(editor));
        assertTrue(target.getName().contains("[replay of reverseui.replay"), target.getName());
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "reverse-step-over");
    }

    private static int caretLine(ITextEditor editor) {
        return ((org.eclipse.jface.text.ITextSelection) editor.getSelectionProvider().getSelection()).getStartLine() + 1;
    }
}
