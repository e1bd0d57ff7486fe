package org.ruedo.ui.internal.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.ui.internal.console.BuildConsole;

/**
 * Wires the UI to the headless bundles at workbench start: the build console, a gdb console and the
 * Unikernel perspective per debug session, and a notice when a unikernel run ends with a kernel crash.
 */
public class DebugUiStartup implements IStartup {
    @Override
    public void earlyStartup() {
        install();
    }

    /** Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        BuildConsole.install();
        org.eclipse.swt.widgets.Display.getDefault().asyncExec(org.ruedo.ui.internal.debug.disassembly.DisassemblyAutoOpen::install);
        DebugPlugin.getDefault().addDebugEventListener(events -> {
            for (DebugEvent e : events) {
                if (e.getKind() == DebugEvent.CREATE && e.getSource() instanceof RuedoDebugTarget t) {
                    GdbConsole.open(t);
                    showDebugPerspective(t);
                }
                if (e.getKind() == DebugEvent.TERMINATE && e.getSource() instanceof IProcess p
                        && LaunchConstants.PROCESS_TYPE.equals(p.getAttribute(IProcess.ATTR_PROCESS_TYPE))) {
                    String crash = p.getAttribute(LaunchConstants.PROC_CRASH_REPORT);
                    if (crash != null) {
                        CrashNotice.report(p, crash);
                    }
                }
            }
        });
    }

    /**
     * A debug launch of a unikernel shows the perspective its launch type names for debug mode (the Unikernel
     * perspective, unless the user changed it under Run/Debug &gt; Perspectives) at once, without the platform's
     * "Confirm Perspective Switch" prompt: suspends then happen in that perspective and nothing asks.
     */
    private static void showDebugPerspective(RuedoDebugTarget target) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        String id;
        try {
            id = DebugUITools.getLaunchPerspective(target.getLaunch().getLaunchConfiguration().getType(), ILaunchManager.DEBUG_MODE);
        } catch (CoreException | NullPointerException e) {
            return;
        }
        if (id == null) {
            return; // the user chose "none"
        }
        PlatformUI.getWorkbench().getDisplay().asyncExec(() -> {
            IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            if (w == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
                w = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
            }
            if (w == null || w.getActivePage() != null && w.getActivePage().getPerspective() != null
                    && id.equals(w.getActivePage().getPerspective().getId())) {
                return;
            }
            try {
                PlatformUI.getWorkbench().showPerspective(id, w);
            } catch (WorkbenchException ex) {
                ILog.of(DebugUiStartup.class).warn("cannot open the perspective " + id + ": " + ex.getMessage());
            }
        });
    }

    private static boolean installed;
}
