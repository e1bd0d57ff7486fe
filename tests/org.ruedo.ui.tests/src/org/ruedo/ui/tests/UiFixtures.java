package org.ruedo.ui.tests;

import java.util.Arrays;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ISetSelectionTarget;
import org.junit.jupiter.api.Assertions;
import org.ruedo.core.resources.ProblemMarkers;
import org.ruedo.ui.internal.wizards.NewUnikernelProjectWizard;

/** Projects made the way the wizard makes them, markers, a new user's debug UI settings, Run As / Debug As menus. */
final class UiFixtures {
    private UiFixtures() {
    }

    static IProject newProject(String name) throws CoreException {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (p.exists()) {
            p.delete(true, true, null);
        }
        return NewUnikernelProjectWizard.create(name, null, "hello", 1, new NullProgressMonitor());
    }

    static IMarker[] errors(IProject p) {
        try {
            return Arrays.stream(p.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE))
                    .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).toArray(IMarker[]::new);
        } catch (CoreException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The debug UI preferences a new user has: the tests run with them (a prompt the user would see must show up
     * in the tests too). Fails when a test or fixture changed one of them.
     */
    static void assertNewUserDefaults() {
        var store = DebugUITools.getPreferenceStore();
        for (String key : new String[] { "org.eclipse.debug.ui.switch_to_perspective", "org.eclipse.debug.ui.switch_perspective_on_suspend",
                "org.eclipse.debug.ui.UseContextualLaunch", "org.eclipse.debug.ui.activate_debug_view" }) {
            Assertions.assertTrue(store.isDefault(key), key + " has its default (a new user's): " + store.getString(key));
        }
        Assertions.assertEquals("prompt", store.getString("org.eclipse.debug.ui.switch_perspective_on_suspend"));
    }

    /** The active workbench page. */
    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** A new user's debug preferences (asserted), in the Unikernel perspective. */
    static void newUserInUnikernelPerspective() throws Exception {
        assertNewUserDefaults();
        PlatformUI.getWorkbench().showPerspective(org.ruedo.ui.internal.UnikernelPerspective.ID, page().getWorkbenchWindow());
    }

    /** After a test: its launches ended and removed, Ruedo breakpoints removed, editors closed, its project deleted. */
    static void cleanUp(IProject project) throws Exception {
        terminateAndRemoveLaunches();
        var mgr = org.eclipse.debug.core.DebugPlugin.getDefault().getBreakpointManager();
        mgr.removeBreakpoints(mgr.getBreakpoints(org.ruedo.debug.breakpoints.RuedoLineBreakpoint.MODEL_ID), true);
        page().closeAllEditors(false);
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    /** The launch of this project (its configuration names it), waiting for it to be registered. */
    static org.eclipse.debug.core.ILaunch launchOf(IProject project) {
        org.eclipse.debug.core.ILaunch[] found = { null };
        Finder.waitUntil(() -> {
            for (var l : org.eclipse.debug.core.DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
                try {
                    if (l.getLaunchConfiguration() != null && project.getName().equals(
                            l.getLaunchConfiguration().getAttribute(org.ruedo.launch.LaunchConstants.ATTR_PROJECT, ""))) {
                        found[0] = l;
                        return true;
                    }
                } catch (CoreException e) {
                    // a configuration deleted meanwhile: not ours
                }
            }
            return false;
        }, 60, "a launch of " + project.getName());
        return found[0];
    }

    /** Terminates every launch, waits for them to end and removes them, so that no test sees another's launch. */
    static void terminateAndRemoveLaunches() throws Exception {
        var mgr = org.eclipse.debug.core.DebugPlugin.getDefault().getLaunchManager();
        for (var l : mgr.getLaunches()) {
            if (!l.isTerminated()) {
                l.terminate();
            }
        }
        Finder.waitUntil(() -> Arrays.stream(mgr.getLaunches()).allMatch(org.eclipse.debug.core.ILaunch::isTerminated), 30,
                "launches terminated");
        mgr.removeLaunches(mgr.getLaunches());
    }

    /** The console of a unikernel launch of this project (the process console, named for its configuration), or null. */
    static org.eclipse.ui.console.TextConsole consoleFor(String projectName) {
        for (var c : org.eclipse.ui.console.ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (c instanceof org.eclipse.ui.console.TextConsole t && c.getName().contains(projectName) && c.getName().contains("Unikernel")) {
                return t;
            }
        }
        return null;
    }

    /** Live processes with this command-line fragment (QEMU/gdb leak checks). */
    static long live(String fragment) {
        return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains(fragment)).orElse(false)).count();
    }

    /**
     * Selects a resource in Project Explorer, opens its context menu and presses {@code submenu} &gt; Unikernel:
     * the real SWT menu items the workbench builds (the platform's contextual launch submenu evaluates each
     * launch shortcut's enablement on the selection; its items read "&amp;1 Unikernel").
     */
    static void launchFromProjectExplorer(IResource resource, String submenu) throws Exception {
        MenuItem unikernel = launchMenuItem(resource, submenu, "Unikernel");
        Assertions.assertNotNull(unikernel, submenu + " > Unikernel offered for " + resource.getFullPath());
        press(unikernel);
    }

    /**
     * The labels of the context menu's {@code submenu} (Run As, Debug As) for a resource in Project Explorer, as the
     * workbench fills it; the menus are closed again.
     */
    static java.util.List<String> launchMenuLabels(IResource resource, String submenu) throws Exception {
        MenuItem none = launchMenuItem(resource, submenu, "\u0000 no such item");
        Assertions.assertNull(none);
        return lastLabels;
    }

    private static java.util.List<String> lastLabels = java.util.List.of();

    /** The item labelled {@code label} in the context menu's {@code submenu} for a resource in Project Explorer, or null. */
    static MenuItem launchMenuItem(IResource resource, String submenu, String label) throws Exception {
        Viewer viewer = selectInProjectExplorer(resource);
        Tree tree = (Tree) viewer.getControl();
        tree.setFocus();
        Finder.pump(100);
        Menu context = tree.getMenu();
        Assertions.assertNotNull(context, "Project Explorer has a context menu");
        context.notifyListeners(SWT.Show, new Event());   // what GTK sends before it pops the menu up: the managers fill it
        Finder.pump(100);
        MenuItem as = item(context, submenu);
        Assertions.assertNotNull(as, "'" + submenu + "' in the context menu: " + labels(context));
        Menu sub = as.getMenu();
        Assertions.assertNotNull(sub, submenu + " is a cascade");
        sub.notifyListeners(SWT.Show, new Event());
        Finder.pump(100);
        MenuItem found = item(sub, label);
        lastLabels = Arrays.stream(sub.getItems()).map(i -> plain(i.getText())).filter(t -> !t.isEmpty()).toList();
        if (found == null) {
            String all = labels(sub);
            sub.notifyListeners(SWT.Hide, new Event());
            context.notifyListeners(SWT.Hide, new Event());
            Finder.pump(100);
            System.out.println(submenu + " for " + resource.getFullPath() + ": " + all);
        }
        return found;
    }

    /** Activates Project Explorer and selects a resource in it (the active part's selection); returns its viewer. */
    static Viewer selectInProjectExplorer(IResource resource) throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart explorer = page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        page.activate(explorer);
        ((ISetSelectionTarget) explorer).selectReveal(new StructuredSelection(resource));
        Viewer viewer = (Viewer) explorer.getSite().getSelectionProvider();
        Finder.waitUntil(() -> viewer.getSelection() instanceof IStructuredSelection ss && ss.size() == 1
                && resource.equals(ss.getFirstElement()), 10, resource + " selected in Project Explorer");
        return viewer;
    }

    /**
     * The item at a path in the active workbench window's menu bar ({@code "Run", "Run to Line"}): each menu is
     * sent the Show event GTK sends before it opens, so the workbench fills it and updates its items' enablement.
     */
    static MenuItem menuBarItem(String... path) {
        Menu menu = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getMenuBar();
        MenuItem found = null;
        for (int i = 0; i < path.length; i++) {
            menu.notifyListeners(SWT.Show, new Event());
            Finder.pump(100);
            found = item(menu, path[i]);
            Assertions.assertNotNull(found, "'" + path[i] + "' in " + labels(menu));
            if (i < path.length - 1) {
                menu = found.getMenu();
                Assertions.assertNotNull(menu, path[i] + " is a cascade");
            }
        }
        return found;
    }

    /** Presses a menu item as a click does (the Selection event), then closes the menus it was in. */
    static void press(MenuItem item) {
        item.notifyListeners(SWT.Selection, new Event());
        for (Menu m = item.getParent(); m != null; m = m.getParentMenu()) {
            if ((m.getStyle() & SWT.BAR) == 0) {
                m.notifyListeners(SWT.Hide, new Event());
            }
        }
        Finder.pump(100);
    }

    /** A menu item by its label without mnemonic, the "&amp;1 " accelerator prefix and the key binding. */
    private static MenuItem item(Menu menu, String label) {
        for (MenuItem i : menu.getItems()) {
            if (plain(i.getText()).equals(label)) {
                return i;
            }
        }
        return null;
    }

    private static String plain(String menuText) {
        String t = menuText.replace("&", "");
        int tab = t.indexOf('\t');
        t = tab >= 0 ? t.substring(0, tab) : t;
        return t.replaceFirst("^\\d+ ", "").strip();
    }

    private static String labels(Menu menu) {
        return Arrays.stream(menu.getItems()).map(i -> plain(i.getText())).toList().toString();
    }
}
