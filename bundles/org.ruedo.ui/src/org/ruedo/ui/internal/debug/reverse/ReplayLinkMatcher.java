package org.ruedo.ui.internal.debug.reverse;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.ui.console.IHyperlink;
import org.eclipse.ui.console.IPatternMatchListenerDelegate;
import org.eclipse.ui.console.PatternMatchEvent;
import org.eclipse.ui.console.TextConsole;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.launch.LaunchConstants;

/**
 * Turns a recorded run's crash line ({@link LaunchConstants#RECORDED_CRASH_LINE}) in its console into a
 * link that debugs the recording: the same launch configuration in Debug mode, replaying
 * {@link LaunchConstants#PROC_RECORDING}, running to the fault (no stop at main).
 */
public class ReplayLinkMatcher implements IPatternMatchListenerDelegate {
    private TextConsole console;

    @Override
    public void connect(TextConsole c) {
        console = c;
    }

    @Override
    public void disconnect() {
        console = null;
    }

    @Override
    public void matchFound(PatternMatchEvent event) {
        if (!(console instanceof org.eclipse.debug.ui.console.IConsole dc)) {
            return;
        }
        IProcess p = dc.getProcess();
        String recording = p.getAttribute(LaunchConstants.PROC_RECORDING);
        if (recording == null || p.getLaunch().getLaunchConfiguration() == null) {
            return;
        }
        try {
            int start = event.getOffset() + "recorded: ".length();
            console.getDocument().get(start, 1);
            console.addHyperlink(new Link(p.getLaunch().getLaunchConfiguration(), recording), start,
                    "Debug the recording".length());
        } catch (BadLocationException e) {
            // the console was cleared
        }
    }

    /** Starts the replay debug session of a recording. */
    public record Link(ILaunchConfiguration config, String recording) implements IHyperlink {
        @Override
        public void linkActivated() {
            try {
                ILaunchConfigurationWorkingCopy wc = config.copy(config.getName() + " (replay)");
                wc.setAttribute(LaunchConstants.ATTR_REPLAY, recording);
                wc.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, false);
                DebugUITools.launch(wc, ILaunchManager.DEBUG_MODE);
            } catch (CoreException e) {
                org.eclipse.core.runtime.ILog.of(getClass()).error("cannot debug the recording " + recording, e);
            }
        }

        @Override
        public void linkEntered() {
        }

        @Override
        public void linkExited() {
        }
    }
}
