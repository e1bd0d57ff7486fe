package org.ruedo.ui.internal;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

/** The "Unikernel" perspective: projects and editors, Debug with Variables/Registers/Memory/Breakpoints, Console and Problems. */
public class UnikernelPerspective implements IPerspectiveFactory {
    /** Perspective id. */
    public static final String ID = "org.ruedo.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editor = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.2f, editor);
        left.addView(IPageLayout.ID_PROJECT_EXPLORER);
        IFolderLayout top = layout.createFolder("top", IPageLayout.TOP, 0.3f, editor);
        top.addView(IDebugUIConstants.ID_DEBUG_VIEW);
        IFolderLayout right = layout.createFolder("right", IPageLayout.RIGHT, 0.7f, editor);
        right.addView(IDebugUIConstants.ID_VARIABLE_VIEW);
        right.addView(IDebugUIConstants.ID_REGISTER_VIEW);
        right.addView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        right.addView(IDebugUIConstants.ID_EXPRESSION_VIEW);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.7f, editor);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IDebugUIConstants.ID_MEMORY_VIEW);
        bottom.addView(org.ruedo.ui.internal.debug.disassembly.DisassemblyView.ID);
        bottom.addView(org.ruedo.ui.internal.debug.kernel.LiveWatchView.ID);
        bottom.addView(org.ruedo.ui.internal.debug.kernel.MachineStateView.ID);
        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
        layout.addActionSet(IDebugUIConstants.DEBUG_ACTION_SET);
        layout.addActionSet("org.eclipse.debug.ui.breakpointActionSet");   // Run > Toggle Breakpoint (Ctrl+Shift+B)
        layout.addNewWizardShortcut("org.ruedo.ui.newProjectWizard");
        layout.addPerspectiveShortcut(IDebugUIConstants.ID_DEBUG_PERSPECTIVE);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addShowViewShortcut(org.ruedo.ui.internal.debug.disassembly.DisassemblyView.ID);
        layout.addShowViewShortcut(org.ruedo.ui.internal.debug.kernel.MachineStateView.ID);
        layout.addShowViewShortcut(org.ruedo.ui.internal.debug.kernel.LiveWatchView.ID);
    }
}
