package org.ruedo.ui.internal.debug;

import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.ruedo.launch.LaunchConstants;

/**
 * What the workbench does when a unikernel run ends with a kernel crash: the crash report is in the launch's
 * console (with links to the resolved frames), so the console comes to the front and one small non-modal
 * notice names the crash for a few seconds. Nothing modal: a user who runs a crashing kernel ten times gets
 * no pile of dialogs to close. The crash is also written to the error log as a warning (it is the guest's
 * failure, not the IDE's).
 */
final class CrashNotice {
    /** The title of the notice. */
    static final String TITLE = "Unikernel crashed";
    /** How long the notice stays, in milliseconds. */
    static final long SHOW_MS = 8000;
    private static NotificationPopup open;

    private CrashNotice() {
    }

    /** Reports a crashed process's crash report (its {@link LaunchConstants#PROC_CRASH_REPORT}), from any thread. */
    static void report(IProcess process, String crash) {
        String first = crash.lines().findFirst().orElse(crash).strip();
        String where = process.getAttribute(LaunchConstants.PROC_CRASH_LOCATION);
        String text = process.getLabel() + "\n" + first + (where == null ? "" : "\nat " + where) + "\nThe crash report is in the Console.";
        ILog.of(CrashNotice.class).warn(process.getLabel() + ": " + first);
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display d = PlatformUI.getWorkbench().getDisplay();
        d.asyncExec(() -> show(d, process, text));
    }

    private static void show(Display d, IProcess process, String text) {
        var console = DebugUITools.getConsole(process);
        if (console != null) {
            org.eclipse.ui.console.ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
        }
        if (open != null && open.getShell() != null && !open.getShell().isDisposed()) {
            open.close(); // one notice at a time: the newest crash replaces the last
        }
        open = NotificationPopup.forDisplay(d).title(TITLE, true).text(text).delay(SHOW_MS).build();
        open.open();
    }
}
