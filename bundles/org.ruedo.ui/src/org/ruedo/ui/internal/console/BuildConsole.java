package org.ruedo.ui.internal.console;

import org.eclipse.core.resources.IProject;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.resources.BuildConsoles;

/** The "Ruedo Build" console: commands, compiler output and errors (red) of every unikernel build. */
public final class BuildConsole implements BuildConsoles.Listener {
    /** Console name. */
    public static final String NAME = "Ruedo Build";
    private static BuildConsole instance;
    private final MessageConsole console = new MessageConsole(NAME, null);
    private final MessageConsoleStream out = console.newMessageStream();
    private final MessageConsoleStream err = console.newMessageStream();

    private BuildConsole() {
        ConsolePlugin.getDefault().getConsoleManager().addConsoles(new IConsole[] { console });
        Display.getDefault().asyncExec(() -> err.setColor(Display.getDefault().getSystemColor(SWT.COLOR_RED)));
    }

    /** Creates the console and connects it to the builder (once). */
    public static synchronized void install() {
        if (instance == null) {
            instance = new BuildConsole();
            BuildConsoles.addListener(instance);
        }
    }

    /** The console (after {@link #install()}). */
    public static MessageConsole console() {
        return instance == null ? null : instance.console;
    }

    @Override
    public void started(IProject project) {
        out.println("---- building " + project.getName() + " ----");
    }

    @Override
    public void line(IProject project, String text, BuildListener.Kind kind) {
        (kind == BuildListener.Kind.ERROR ? err : out).println(text);
    }

}
