package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWizard;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.core.resources.RuedoNature;
import org.ruedo.ui.internal.UnikernelPerspective;
import org.ruedo.ui.internal.console.BuildConsole;
import org.ruedo.ui.internal.editors.CodeEditor;
import org.ruedo.ui.internal.wizards.NewUnikernelProjectWizard;

/** The wizard driven through its widgets, and the editor: break the C code, save, see the marker and its annotation, fix it. */
class WizardAndEditorTest {
    private IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.assertNewUserDefaults();
        var desc = ResourcesPlugin.getWorkspace().getDescription();
        autoBuildBefore = desc.isAutoBuilding();
        desc.setAutoBuilding(true);   // Project > Build Automatically, as in a new user's IDE; restored after the class
        ResourcesPlugin.getWorkspace().setDescription(desc);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().showPerspective(UnikernelPerspective.ID, page.getWorkbenchWindow());
    }

    private static boolean autoBuildBefore;

    @org.junit.jupiter.api.AfterAll
    static void restoreAutoBuild() throws Exception {
        var desc = ResourcesPlugin.getWorkspace().getDescription();
        desc.setAutoBuilding(autoBuildBefore);
        ResourcesPlugin.getWorkspace().setDescription(desc);
    }

    @AfterEach
    void tearDown() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    @Test
    void wizardCreatesABuiltProject() throws Exception {
        // File > New > Other...: the dialog the workbench's New wizard action opens (not blocking this UI thread)
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        org.eclipse.ui.internal.dialogs.NewWizard other = new org.eclipse.ui.internal.dialogs.NewWizard();
        var settings = org.eclipse.ui.internal.WorkbenchPlugin.getDefault().getDialogSettings();
        other.setDialogSettings(settings.getSection("NewWizardAction") != null ? settings.getSection("NewWizardAction")
                : settings.addNewSection("NewWizardAction"));
        other.setForcePreviousAndNextButtons(true);
        other.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        WizardDialog dialog = new WizardDialog(parent, other);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Shell shell = dialog.getShell();
        // the wizard list: category "Ruedo" holds "Unikernel Project"
        Tree wizards = Finder.find(shell, Tree.class, t -> Arrays.stream(t.getItems()).anyMatch(i -> i.getText().equals("Ruedo")));
        TreeItem ruedo = Arrays.stream(wizards.getItems()).filter(i -> i.getText().equals("Ruedo")).findFirst().orElseThrow();
        Event expand = new Event();
        expand.item = ruedo;
        wizards.notifyListeners(SWT.Expand, expand);   // the viewer creates the children on expansion
        ruedo.setExpanded(true);
        Finder.pump(100);
        TreeItem unikernel = Arrays.stream(ruedo.getItems()).filter(i -> i.getText().equals("Unikernel Project")).findFirst()
                .orElseThrow(() -> new AssertionError("File > New > Other... > Ruedo lists: "
                        + Arrays.stream(ruedo.getItems()).map(TreeItem::getText).toList()));
        wizards.setSelection(unikernel);
        Event select = new Event();
        select.item = unikernel;
        wizards.notifyListeners(SWT.Selection, select);
        Finder.pump(100);
        assertTrue(Finder.showsText(shell, "Create a unikernel project: your app and the Ruedo kernel"), "the wizard's description shown");
        Finder.screenshot(shell, "new-other");
        Finder.click(Finder.button(shell, "Next >"));
        Finder.waitUntil(() -> dialog.getCurrentPage() != null && dialog.getCurrentPage().getWizard() instanceof NewUnikernelProjectWizard,
                10, "the Unikernel Project wizard's page");
        assertFalse(Finder.button(shell, "Finish").isEnabled(), "Finish needs a name");
        Finder.type(Finder.field(shell, "Project name:", Text.class), "wizdemo");
        Combo template = Finder.field(shell, "Template:", Combo.class);
        assertTrue(template.indexOf("multicore") >= 0);
        assertEquals("hello", template.getText());
        Spinner cpus = Finder.field(shell, "CPUs:", Spinner.class);
        cpus.setSelection(2);
        cpus.notifyListeners(org.eclipse.swt.SWT.Modify, new org.eclipse.swt.widgets.Event());
        Finder.screenshot(shell, "wizard");
        Finder.click(Finder.button(shell, "Finish"));
        Finder.waitUntil(() -> shell.isDisposed(), 120, "wizard to finish");

        project = ResourcesPlugin.getWorkspace().getRoot().getProject("wizdemo");
        assertTrue(project.exists());
        assertTrue(project.hasNature(RuedoNature.ID));
        Path dir = project.getLocation().toPath();
        String manifest = Files.readString(dir.resolve("unikernel.toml"));
        assertTrue(manifest.contains("name = \"wizdemo\""), manifest);
        assertTrue(manifest.contains("kernel = \"kernel\""), manifest);
        assertTrue(manifest.contains("cpus = 2"), manifest);
        assertTrue(project.getFile("main.c").exists());
        assertTrue(project.getFile("kernel/kernel.toml").exists());
        assertTrue(project.getFile("kernel/sched/migrate.c").exists(), "kernel sources to step into and change");
        assertTrue(Files.size(dir.resolve("build/wizdemo.img")) > 4096, "built on Finish");
        assertEquals(0, UiFixtures.errors(project).length);

        // the build's commands went to the "Ruedo Build" console (installed by the UI's startup)
        Finder.waitUntil(() -> BuildConsole.console() != null
                && BuildConsole.console().getDocument().get().contains("building wizdemo"), 30, "the build console");
        String log = BuildConsole.console().getDocument().get();
        assertTrue(log.contains("gcc") && log.contains("sched/migrate.c"), "compiler commands in the build console:\n" + log);
    }

    @Test
    void wizardCreatesAMulticoreProjectAtALocationWithSpaces() throws Exception {
        Path root = Files.createTempDirectory("ruedo ui");
        Path loc = root.resolve("my kernels/mc demo");
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        // the wizard as the New wizard registry makes it: registered under its id, in the Ruedo category
        var registry = PlatformUI.getWorkbench().getNewWizardRegistry();
        IWizardDescriptor descriptor = registry.findWizard("org.ruedo.ui.newProjectWizard");
        assertNotNull(descriptor, "org.ruedo.ui.newProjectWizard in the New wizard registry");
        assertEquals("Unikernel Project", descriptor.getLabel());
        assertTrue(Arrays.asList(registry.findCategory("org.ruedo.ui.category").getWizards()).contains(descriptor), "in the Ruedo category");
        IWorkbenchWizard wizard = descriptor.createWizard();
        assertTrue(wizard instanceof NewUnikernelProjectWizard, String.valueOf(wizard));
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        WizardDialog dialog = new WizardDialog(parent, wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Shell shell = dialog.getShell();
        Finder.type(Finder.field(shell, "Project name:", Text.class), "mcdemo");
        Finder.click(Finder.button(shell, "Use default location"));
        Text location = Finder.field(shell, "Location:", Text.class);
        assertTrue(location.isEnabled(), "location editable without the default");
        Finder.type(location, "relative/dir");
        assertFalse(Finder.button(shell, "Finish").isEnabled(), "a relative location is refused");
        assertEquals("The location must be an absolute path.", dialog.getCurrentPage().getErrorMessage());
        Finder.type(location, loc.toString());
        Combo template = Finder.field(shell, "Template:", Combo.class);
        template.select(template.indexOf("multicore"));
        template.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(Finder.button(shell, "Finish").isEnabled(), String.valueOf(dialog.getCurrentPage().getErrorMessage()));
        Finder.click(Finder.button(shell, "Finish"));
        Finder.waitUntil(() -> shell.isDisposed(), 180, "wizard to finish");

        project = ResourcesPlugin.getWorkspace().getRoot().getProject("mcdemo");
        try {
            assertEquals(loc, project.getLocation().toPath());
            assertTrue(Files.readString(loc.resolve("main.c")).contains("BeginThread"), "the multicore example's app");
            assertTrue(Files.isRegularFile(loc.resolve("kernel/kernel.toml")));
            assertTrue(Files.size(loc.resolve("build/mcdemo.img")) > 4096, "built in a path with spaces");
            assertEquals(0, UiFixtures.errors(project).length);
        } finally {
            project.delete(true, true, null);
            project = null;
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void syntaxErrorInTheEditorBecomesAMarkerAndGoesAway() throws Exception {
        project = UiFixtures.newProject("editdemo");
        IFile main = project.getFile("main.c");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        CodeEditor editor = (CodeEditor) IDE.openEditor(page, main, CodeEditor.C_ID);
        StyledText st = (StyledText) editor.getAdapter(Control.class);
        String text = st.getText();
        String stmt = "printk(\"hello from Ruedo!\\n\");";
        int at = text.indexOf(stmt);
        assertTrue(at > 0);
        int line = lineOf(text, stmt);
        // type over the ';' as a user would: select it and delete it in the widget
        st.setFocus();
        st.setSelection(at + stmt.length() - 1, at + stmt.length());
        st.insert("");
        IHandlerService hs = PlatformUI.getWorkbench().getService(IHandlerService.class);
        hs.executeCommand("org.eclipse.ui.file.save", null);
        Finder.waitUntil(() -> UiFixtures.errors(project).length > 0, 120, "error marker after save");
        IMarker m = UiFixtures.errors(project)[0];
        assertEquals(main, m.getResource());
        assertEquals(line, m.getAttribute(IMarker.LINE_NUMBER, -1), m.getAttribute(IMarker.MESSAGE, ""));
        assertTrue(m.getAttribute(IMarker.MESSAGE, "").contains("expected ';'"));
        // the editor shows it: an error annotation for that marker at its line in the editor's annotation model
        Finder.waitUntil(() -> errorAnnotations(editor).containsKey(m), 30, "an error annotation for the marker");
        assertEquals(java.util.List.of(line), java.util.List.copyOf(errorAnnotations(editor).values()),
                "one error annotation, at the marker's line");
        Finder.screenshot(page.getWorkbenchWindow().getShell(), "editor-error");

        st.setSelection(at + stmt.length() - 1);
        st.insert(";");
        hs.executeCommand("org.eclipse.ui.file.save", null);
        Finder.waitUntil(() -> UiFixtures.errors(project).length == 0, 120, "marker gone after the fix");
        Finder.waitUntil(() -> errorAnnotations(editor).isEmpty(), 30, "the error annotation gone after the fix");
        // still coloured after the edits, in the scanners' colours: a type, a keyword, a comment
        Finder.pump(200);
        RGB type = foregroundAt(st, st.getText().indexOf("int main"));
        RGB keyword = foregroundAt(st, st.getText().indexOf("return 0;"));
        RGB comment = foregroundAt(st, st.getText().indexOf("the Ruedo sample app"));
        assertEquals(CodeEditorsTest.themeColour("TYPE"), type, "'int' in the type colour");
        assertEquals(CodeEditorsTest.themeColour("KEYWORD"), keyword, "'return' in the keyword colour");
        assertEquals(CodeEditorsTest.themeColour("COMMENT"), comment, "the comment in the comment colour");
        assertEquals(3, java.util.Set.of(type, keyword, comment).size());
    }

    private static RGB foregroundAt(StyledText st, int offset) {
        assertTrue(offset >= 0);
        var r = st.getStyleRangeAtOffset(offset);
        assertNotNull(r, "a style at " + offset);
        assertNotNull(r.foreground, "a colour at " + offset);
        return r.foreground.getRGB();
    }

    /** The editor's error annotations of markers (type org.eclipse.ui.workbench.texteditor.error), with their 1-based lines. */
    private static java.util.Map<IMarker, Integer> errorAnnotations(CodeEditor editor) {
        var provider = editor.getDocumentProvider();
        IAnnotationModel model = provider.getAnnotationModel(editor.getEditorInput());
        IDocument doc = provider.getDocument(editor.getEditorInput());
        assertNotNull(model, "the editor has an annotation model");
        java.util.Map<IMarker, Integer> out = new java.util.LinkedHashMap<>();
        for (var it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            Position p = model.getPosition(a);
            if (a instanceof MarkerAnnotation ma && "org.eclipse.ui.workbench.texteditor.error".equals(a.getType())
                    && !a.isMarkedDeleted() && p != null && !p.isDeleted()) {
                try {
                    out.put(ma.getMarker(), doc.getLineOfOffset(p.getOffset()) + 1);
                } catch (org.eclipse.jface.text.BadLocationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }
}
