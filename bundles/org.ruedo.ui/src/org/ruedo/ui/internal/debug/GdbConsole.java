package org.ruedo.ui.internal.debug;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchesListener2;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IOConsole;
import org.eclipse.ui.console.IOConsoleOutputStream;
import org.ruedo.debug.model.RuedoDebugTarget;

/** An IOConsole per debug session where the user types gdb CLI commands ({@code info registers}, {@code x/4x $rsp}...). */
public final class GdbConsole {
    private final IOConsole console;

    private GdbConsole(RuedoDebugTarget target) {
        console = new IOConsole("gdb: " + target.getLaunch().getLaunchConfiguration().getName(), null);
        IOConsoleOutputStream out = console.newOutputStream();
        target.addConsoleListener(text -> {
            try {
                out.write(text);
            } catch (IOException e) {
                // console closed
            }
        });
        Thread in = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !target.isTerminated()) {
                    if (!line.isBlank()) {
                        target.cli(line);
                    }
                }
            } catch (IOException e) {
                // console closed
            }
        }, "ruedo-gdb-console");
        in.setDaemon(true);
        in.start();
        ConsolePlugin.getDefault().getConsoleManager().addConsoles(new IConsole[] { console });
        // the console goes when its launch is removed (Remove All Terminated Launches), as process consoles do
        ILaunch launch = target.getLaunch();
        DebugPlugin.getDefault().getLaunchManager().addLaunchListener(new ILaunchesListener2() {
            @Override
            public void launchesRemoved(ILaunch[] launches) {
                for (ILaunch l : launches) {
                    if (l == launch) {
                        DebugPlugin.getDefault().getLaunchManager().removeLaunchListener(this);
                        ConsolePlugin.getDefault().getConsoleManager().removeConsoles(new IConsole[] { console });
                    }
                }
            }

            @Override
            public void launchesAdded(ILaunch[] launches) {
            }

            @Override
            public void launchesChanged(ILaunch[] launches) {
            }

            @Override
            public void launchesTerminated(ILaunch[] launches) {
            }
        });
    }

    /** Opens the console of a new debug session. */
    public static GdbConsole open(RuedoDebugTarget target) {
        return new GdbConsole(target);
    }

    public IOConsole console() {
        return console;
    }
}
