package org.ruedo.ui.internal.debug;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.statushandlers.StatusManager;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.launch.LaunchConstants;
import org.ruedo.ui.internal.console.BuildConsole;

/**
 * Wires the UI to the headless bundles at workbench start: the build console, a gdb console per debug
 * session, and an error report when a unikernel run ends with a kernel crash.
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
                }
                if (e.getKind() == DebugEvent.TERMINATE && e.getSource() instanceof IProcess p
                        && LaunchConstants.PROCESS_TYPE.equals(p.getAttribute(IProcess.ATTR_PROCESS_TYPE))) {
                    String crash = p.getAttribute(LaunchConstants.PROC_CRASH_REPORT);
                    if (crash != null) {
                        String first = crash.lines().findFirst().orElse(crash);
                        IStatus s = new Status(IStatus.ERROR, "org.ruedo.ui", p.getLabel() + ": " + first + "\n\n"
                                + crash.substring(first.length()).strip());
                        StatusManager.getManager().handle(s, StatusManager.LOG | (showCrashDialogs ? StatusManager.SHOW : 0));
                    }
                }
            }
        });
    }

    private static boolean installed;
    /** Tests turn the dialog off so that nothing modal blocks them. */
    public static volatile boolean showCrashDialogs = !Boolean.getBoolean("ruedo.noDialogs");
}
