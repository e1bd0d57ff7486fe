package org.ruedo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.ui.internal.UnikernelPerspective;
import org.ruedo.ui.internal.editors.CodeEditor;

/** The Toggle Breakpoint command, Run As / Debug As offering Unikernel, the Unikernel perspective and the product. */
class WorkbenchIntegrationTest {
    private static IProject project;

    @BeforeAll
    static void setUp() throws Exception {
        UiFixtures.assertNewUserDefaults();
        project = UiFixtures.newProject("wbdemo");
    }

    @AfterAll
    static void deleteProject() throws Exception {
        project.delete(true, true, null);
    }

    @AfterEach
    void closeEditors() throws Exception {
        UiFixtures.cleanUp(null);
    }

    private static IWorkbenchPage page() {
        return UiFixtures.page();
    }

    @Test
    void toggleBreakpointCommandWorksOnTheCaretLine() throws Exception {
        PlatformUI.getWorkbench().showPerspective(UnikernelPerspective.ID, PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        IFile main = project.getFile("main.c");
        CodeEditor e = (CodeEditor) IDE.openEditor(page(), main, CodeEditor.C_ID);
        StyledText st = (StyledText) e.getAdapter(Control.class);
        int line = st.getLineAtOffset(st.getText().indexOf("int sum = a + b;")) + 1;
        st.setFocus();
        st.setCaretOffset(st.getOffsetAtLine(line - 1) + 4);
        Finder.pump(100);
        IHandlerService hs = PlatformUI.getWorkbench().getService(IHandlerService.class);
        hs.executeCommand("org.eclipse.debug.ui.commands.ToggleBreakpoint", null);
        Finder.waitUntil(() -> find(main, line) != null, 10, "breakpoint on line " + line);
        hs.executeCommand("org.eclipse.debug.ui.commands.ToggleBreakpoint", null);
        Finder.waitUntil(() -> find(main, line) == null, 10, "breakpoint removed again");
        assertNull(find(main, line));
    }

    private static RuedoLineBreakpoint find(IFile f, int line) {
        try {
            return RuedoBreakpoints.find(f, line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Whether Run As / Debug As offer "Unikernel" for this selection (the shortcut's contextual enablement in plugin.xml). */
    private static boolean unikernelShortcutOffered(Object selected) throws Exception {
        for (var ext : org.eclipse.debug.internal.ui.DebugUIPlugin.getDefault().getLaunchConfigurationManager().getLaunchShortcuts()) {
            if (ext.getId().equals("org.ruedo.ui.shortcut")) {
                List<Object> sel = List.of(selected);
                var ctx = new org.eclipse.core.expressions.EvaluationContext(null, sel);
                ctx.addVariable("selection", sel);
                return ext.getModes().containsAll(Set.of("run", "debug"))
                        && ext.evalEnablementExpression(ctx, ext.getContextualLaunchEnablementExpression());
            }
        }
        throw new AssertionError("shortcut org.ruedo.ui.shortcut not registered");
    }

    @Test
    void runAsAndDebugAsOfferUnikernelOnUnikernelProjectsOnly() throws Exception {
        assertTrue(unikernelShortcutOffered(project), "on the project");
        assertTrue(unikernelShortcutOffered(project.getFile("unikernel.toml")), "on its manifest");
        IProject plain = org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot().getProject("plainproj");
        plain.create(null);
        plain.open(null);
        try {
            assertTrue(!unikernelShortcutOffered(plain), "not on a project without the nature");
        } finally {
            plain.delete(true, true, null);
        }
    }

    @Test
    void unikernelPerspectiveShowsTheWorkingViews() throws Exception {
        PlatformUI.getWorkbench().showPerspective(UnikernelPerspective.ID, PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        page().resetPerspective();
        Finder.pump(200);
        assertEquals(UnikernelPerspective.ID, page().getPerspective().getId());
        for (String id : new String[] { IPageLayout.ID_PROJECT_EXPLORER, IConsoleConstants.ID_CONSOLE_VIEW,
                IPageLayout.ID_PROBLEM_VIEW, IDebugUIConstants.ID_DEBUG_VIEW, IDebugUIConstants.ID_VARIABLE_VIEW,
                IDebugUIConstants.ID_REGISTER_VIEW, IDebugUIConstants.ID_MEMORY_VIEW, IDebugUIConstants.ID_BREAKPOINT_VIEW }) {
            assertNotNull(page().findViewReference(id), "view " + id + " in the perspective");
        }
        assertTrue(page().isEditorAreaVisible());
        Finder.screenshot(page().getWorkbenchWindow().getShell(), "perspective");
    }

    @Test
    void ideProductOpensOnTheUnikernelPerspective() throws Exception {
        IConfigurationElement product = null;
        for (var ext : Platform.getExtensionRegistry().getExtensionPoint("org.eclipse.core.runtime.products").getExtensions()) {
            if ("org.ruedo.ui.ide".equals(ext.getUniqueIdentifier())) {
                product = ext.getConfigurationElements()[0];
            }
        }
        assertNotNull(product, "product org.ruedo.ui.ide");
        assertEquals("org.eclipse.ui.ide.workbench", product.getAttribute("application"));
        assertEquals("Ruedo IDE", product.getAttribute("name"));
        String customization = null;
        for (IConfigurationElement p : product.getChildren("property")) {
            if ("preferenceCustomization".equals(p.getAttribute("name"))) {
                customization = p.getAttribute("value");
            }
        }
        assertNotNull(customization);
        var url = Platform.getBundle("org.ruedo.ui").getEntry(customization);
        assertNotNull(url, customization + " in the bundle");
        java.util.Properties ini = new java.util.Properties();
        try (var in = url.openStream()) {
            ini.load(in);
        }
        assertEquals(UnikernelPerspective.ID, ini.getProperty("org.eclipse.ui/defaultPerspectiveId"));
        assertNotEquals(null, PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(UnikernelPerspective.ID));
    }
}
