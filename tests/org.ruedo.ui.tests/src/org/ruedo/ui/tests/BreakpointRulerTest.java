package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.ui.internal.UnikernelPerspective;
import org.ruedo.ui.internal.editors.CodeEditor;

/**
 * The breakpoint icon as the user sees it: double-clicking the ruler of the C and assembler editors paints
 * the platform's blue breakpoint dot beside that line and nowhere else, a second double-click removes it,
 * disabling it paints the hollow icon, a condition adds its mark.
 */
class BreakpointRulerTest {
    private static IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        project = UiFixtures.newProject("rulerdemo");
        PlatformUI.getWorkbench().showPerspective(UnikernelPerspective.ID, PlatformUI.getWorkbench().getActiveWorkbenchWindow());
    }

    @AfterAll
    static void deleteProject() throws Exception {
        project.delete(true, true, null);
    }

    @AfterEach
    void closeEditors() throws Exception {
        if (page().getActivePartReference() != null) {
            page().setPartState(page().getActivePartReference(), IWorkbenchPage.STATE_RESTORED);
        }
        page().closeAllEditors(false);
        var mgr = DebugPlugin.getDefault().getBreakpointManager();
        mgr.removeBreakpoints(mgr.getBreakpoints(RuedoLineBreakpoint.MODEL_ID), true);
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** The annotations of the editor's model, "type@line" (1-based), for failure messages. */
    private static List<String> annotations(ITextEditor e) {
        IAnnotationModel model = e.getDocumentProvider().getAnnotationModel(e.getEditorInput());
        var doc = e.getDocumentProvider().getDocument(e.getEditorInput());
        List<String> out = new ArrayList<>();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            Position p = model.getPosition(a);
            try {
                out.add(a.getType() + "@" + (p == null ? "?" : doc.getLineOfOffset(p.getOffset()) + 1));
            } catch (org.eclipse.jface.text.BadLocationException x) {
                out.add(a.getType() + "@bad");
            }
        }
        return out;
    }

    /** Lines (0-based) beside which the annotation column paints anything, from a picture of it. */
    private static List<Integer> paintedLines(Control column, StyledText st) {
        ImageData d = Rulers.paint(column);
        RGB bg = Rulers.background(d);
        List<Integer> out = new ArrayList<>();
        for (int line = st.getTopIndex(); line < st.getLineCount() && st.getLinePixel(line) < st.getClientArea().height; line++) {
            if (Rulers.ink(Rulers.pixelsOfLine(d, column, st, line), bg) > 4) {
                out.add(line);
            }
        }
        return out;
    }

    private static List<RGB> lineImage(Control column, StyledText st, int line) {
        return Rulers.pixelsOfLine(Rulers.paint(column), column, st, line);
    }

    private void toggleByDoubleClick(String path, String needle) throws Exception {
        IFile file = project.getFile(path);
        ITextEditor e = (ITextEditor) IDE.openEditor(page(), file);
        StyledText st = (StyledText) e.getAdapter(Control.class);
        int line = st.getLineAtOffset(st.getText().indexOf(needle));
        assertTrue(st.getText().contains(needle), needle);
        page().setPartState(page().getReference(e), IWorkbenchPage.STATE_MAXIMIZED);
        st.setTopIndex(Math.max(0, line - 5));
        Finder.waitUntil(() -> st.getLinePixel(line) + st.getLineHeight() <= st.getClientArea().height, 10, "line shown");
        Control column = Rulers.annotationColumn(e);
        Finder.waitUntil(() -> column.isVisible() && column.getSize().x > 0, 10, "the annotation column shown");
        assertEquals(List.of(), paintedLines(column, st), "nothing painted before: " + annotations(e));

        Rulers.doubleClick(column, st, line);
        Finder.waitUntil(() -> find(file, line + 1) != null, 10, "a breakpoint on line " + (line + 1));
        try {
            Finder.waitUntil(() -> paintedLines(column, st).equals(List.of(line)), 10, "the icon painted beside line " + (line + 1));
        } catch (AssertionError err) {
            throw new AssertionError(err.getMessage() + ": painted beside " + paintedLines(column, st) + ", annotations "
                    + annotations(e));
        }
        assertTrue(Rulers.blue(lineImage(column, st, line)) >= 10, "the enabled icon is the blue dot");
        String name = path.substring(path.lastIndexOf('/') + 1).replace('.', '-');
        Finder.screenshot(page().getWorkbenchWindow().getShell(), "ruler-breakpoint-" + name);

        // disabled: still an icon on that line, no longer the blue dot
        RuedoLineBreakpoint bp = find(file, line + 1);
        bp.setEnabled(false);
        Finder.waitUntil(() -> Rulers.blue(lineImage(column, st, line)) < 3 && paintedLines(column, st).equals(List.of(line)), 10,
                "the disabled icon on line " + (line + 1));
        bp.setEnabled(true);
        Finder.waitUntil(() -> Rulers.blue(lineImage(column, st, line)) >= 10, 10, "the blue dot again");

        // a condition adds its mark to the icon
        long before = Rulers.orange(lineImage(column, st, line));
        bp.setCondition("x > 1");
        Finder.waitUntil(() -> Rulers.orange(lineImage(column, st, line)) > before + 2, 10, "the condition mark on the icon");

        // a second double-click removes it and its icon
        Rulers.doubleClick(column, st, line);
        Finder.waitUntil(() -> find(file, line + 1) == null, 10, "the breakpoint removed");
        Finder.waitUntil(() -> paintedLines(column, st).isEmpty(), 10, "the icon gone");
    }

    @Test
    void cEditorRulerPaintsTheBreakpointIcon() throws Exception {
        toggleByDoubleClick("main.c", "int sum = a + b;");
    }

    @Test
    void assemblerEditorRulerPaintsTheBreakpointIcon() throws Exception {
        IFile s = project.getFile("kernel/arch/x86_64/switch.S");
        assertNotNull(s);
        assertTrue(IDE.openEditor(page(), s) instanceof CodeEditor);
        page().closeAllEditors(false);
        toggleByDoubleClick("kernel/arch/x86_64/switch.S", "push    %rbx");
    }

    private static RuedoLineBreakpoint find(IFile f, int line) {
        try {
            return RuedoBreakpoints.find(f, line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
