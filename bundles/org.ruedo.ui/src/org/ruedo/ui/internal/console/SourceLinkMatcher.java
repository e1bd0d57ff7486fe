package org.ruedo.ui.internal.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.filesystem.IFileStore;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IHyperlink;
import org.eclipse.ui.console.IPatternMatchListenerDelegate;
import org.eclipse.ui.console.PatternMatchEvent;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * Turns {@code (/abs/path/file.c:123)} in a unikernel's console (the resolved crash report that ends a
 * crashed launch) into a hyperlink that opens the file at that line.
 */
public class SourceLinkMatcher implements IPatternMatchListenerDelegate {
    /** What the plugin.xml regex matches. */
    public static final Pattern LINK = Pattern.compile("\\((/[^()]+):(\\d+)\\)");
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
        try {
            String text = console.getDocument().get(event.getOffset(), event.getLength());
            Matcher m = LINK.matcher(text);
            if (m.find()) {
                console.addHyperlink(new Link(m.group(1), Integer.parseInt(m.group(2))), event.getOffset() + 1,
                        event.getLength() - 2);
            }
        } catch (BadLocationException e) {
            // the console was cleared
        }
    }

    /** Opens a file at a line. */
    public record Link(String path, int line) implements IHyperlink {
        @Override
        public void linkActivated() {
            try {
                IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
                IFileStore store = EFS.getLocalFileSystem().getStore(IPath.fromOSString(path));
                var files = org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot()
                        .findFilesForLocationURI(store.toURI());
                var editor = files.length > 0 ? IDE.openEditor(page, files[0]) : IDE.openEditorOnFileStore(page, store);
                if (editor instanceof ITextEditor te) {
                    var doc = te.getDocumentProvider().getDocument(te.getEditorInput());
                    var region = doc.getLineInformation(Math.max(0, line - 1));
                    te.selectAndReveal(region.getOffset(), region.getLength());
                }
            } catch (Exception e) {
                org.eclipse.core.runtime.ILog.of(getClass()).error("cannot open " + path, e);
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
