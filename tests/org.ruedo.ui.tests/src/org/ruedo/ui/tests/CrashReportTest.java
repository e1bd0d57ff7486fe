package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.IRegion;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IHyperlink;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.ui.internal.debug.DebugUiStartup;
import org.ruedo.ui.internal.wizards.NewUnikernelProjectWizard;

/**
 * A unikernel that dereferences NULL, run through Run As &gt; Unikernel: the resolved crash report in the
 * console links to the faulting line, and the workbench reports the crash in one non-modal notice.
 */
class CrashReportTest {
    private IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.newUserInUnikernelPerspective();
        DebugUiStartup.install();
    }

    @AfterEach
    void tearDown() throws Exception {
        UiFixtures.cleanUp(project);
    }

    /** A visible dialog (not the workbench window) showing this text in a label or text field. */
    private static Shell dialogShowing(String text) {
        Shell main = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        for (Shell s : Finder.display().getShells()) {
            if (s == main || s.isDisposed() || !s.isVisible()) {
                continue;
            }
            if (Finder.showsText(s, text)) {
                return s;
            }
        }
        return null;
    }

    private static IHyperlink linkTo(TextConsole console, String fileName) {
        IDocument doc = console.getDocument();
        for (IHyperlink link : console.getHyperlinks()) {
            IRegion r = console.getRegion(link);
            try {
                if (r != null && doc.get(r.getOffset(), r.getLength()).contains("/" + fileName + ":")) {
                    return link;
                }
            } catch (BadLocationException e) {
                // the console was trimmed meanwhile
            }
        }
        return null;
    }

    @Test
    void crashReportLinksToTheFaultingLineAndEndsWithOneNonModalNotice() throws Exception {
        runCrashingProject();
    }

    private void runCrashingProject() throws Exception {
        // crash is an example, not a template (ProjectTemplate): a hello project gets the crash example's main.c
        project = NewUnikernelProjectWizard.create("crashdemo", null, "hello", 1, new NullProgressMonitor());
        IFile main = project.getFile("main.c");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(
                org.ruedo.tests.support.Projects.kernel().resolve("examples/crash/main.c"))) {
            main.setContents(in, true, false, new NullProgressMonitor());
        }
        String source = new String(main.getContents().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String[] lines = source.split("\n", -1);
        int faultLine = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("a->value = 42;")) {
                faultLine = i + 1;
            }
        }
        assertTrue(faultLine > 0, "the crash example stores through a NULL pointer");

        UiFixtures.launchFromProjectExplorer(project.getFile("unikernel.toml"), "Run As");
        Finder.waitUntil(() -> UiFixtures.consoleFor("crashdemo") != null, 60, "a console for the launch");
        TextConsole console = UiFixtures.consoleFor("crashdemo");
        Finder.waitUntil(() -> console.getDocument().get().contains("*** END OF CRASH REPORT"), 90, "the crash report");
        ILaunch launch = UiFixtures.launchOf(project);
        Finder.waitUntil(launch::isTerminated, 60, "the crashed launch to end");
        String crash = launch.getProcesses()[0].getAttribute(LaunchConstants.PROC_CRASH_REPORT);
        assertNotNull(crash, "the launch recorded the crash report");
        assertTrue(crash.contains("store_answer"), crash);
        assertEquals(0, UiFixtures.live("crashdemo.img"), "QEMU exited after the crash");

        // the resolved frame in the console is a hyperlink; activating it opens main.c at the faulting line
        Finder.waitUntil(() -> linkTo(console, "main.c") != null, 30,
                "a hyperlink on main.c in the console:\n" + console.getDocument().get());
        linkTo(console, "main.c").linkActivated();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Finder.waitUntil(() -> page.getActiveEditor() instanceof ITextEditor, 10, "an editor opened by the link");
        IEditorPart editor = page.getActiveEditor();
        assertEquals(main, editor.getEditorInput().getAdapter(IFile.class));
        ITextSelection sel = (ITextSelection) ((ITextEditor) editor).getSelectionProvider().getSelection();
        assertEquals(faultLine, sel.getStartLine() + 1, "the link selects the faulting line");

        // and the crash is reported in one non-modal notice naming what went wrong (no modal dialog)
        try {
            Finder.waitUntil(() -> dialogShowing("kernel crash on CPU 0") != null, 30, "the crash notice");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; shells:\n" + Finder.dump());
        }
        Shell notice = dialogShowing("kernel crash on CPU 0");
        assertTrue(Finder.showsText(notice, "Unikernel crashed"), Finder.dump());
        assertTrue(Finder.showsText(notice, "The crash report is in the Console."), Finder.dump());
        assertEquals(0, notice.getStyle() & (org.eclipse.swt.SWT.APPLICATION_MODAL | org.eclipse.swt.SWT.PRIMARY_MODAL
                | org.eclipse.swt.SWT.SYSTEM_MODAL), "the notice is not modal");
        assertEquals(1, Arrays.stream(Finder.display().getShells()).filter(s -> !s.isDisposed() && s.isVisible()
                && s != page.getWorkbenchWindow().getShell()).count(), "one shell besides the workbench: " + Finder.dump());
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "crash-notice");
        Finder.waitUntil(notice::isDisposed, 30, "the notice goes away by itself");
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "crash-console");
    }
}
