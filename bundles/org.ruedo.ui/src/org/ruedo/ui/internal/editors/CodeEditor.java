package org.ruedo.ui.internal.editors;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;
import org.ruedo.debug.breakpoints.RuedoBreakpoints;

/**
 * The editor of C, header and GNU assembler files of unikernel projects: syntax colouring, line
 * numbers, problem markers in the rulers, breakpoint toggling by double-clicking the ruler, and
 * Run &gt; Run to Line (Ctrl+R) while debugging.
 */
public class CodeEditor extends TextEditor {
    /** Editor id for C and headers. */
    public static final String C_ID = "org.ruedo.ui.cEditor";
    /** Editor id for assembler. */
    public static final String ASM_ID = "org.ruedo.ui.asmEditor";

    private final boolean asm;
    private static final ToggleLineBreakpointTarget TOGGLE_TARGET = new ToggleLineBreakpointTarget();
    private static final RunToLineTarget RUN_TO_LINE_TARGET = new RunToLineTarget();

    public CodeEditor() {
        this(false);
    }

    protected CodeEditor(boolean asm) {
        this.asm = asm;   // after TextEditor's constructor ran initializeEditor(), which set the preference store
        setSourceViewerConfiguration(new CodeConfiguration(getPreferenceStore(), asm));
    }

    @Override
    protected void doSetInput(IEditorInput input) throws CoreException {
        super.doSetInput(input);
        IDocument doc = getDocumentProvider() == null ? null : getDocumentProvider().getDocument(input);
        if (doc != null) {
            CodePartitions.install(doc);
        }
    }

    @Override
    public <T> T getAdapter(Class<T> type) {
        if (type == org.eclipse.debug.ui.actions.IToggleBreakpointsTarget.class) {
            return type.cast(TOGGLE_TARGET);
        }
        if (type == org.eclipse.debug.ui.actions.IRunToLineTarget.class) {
            return type.cast(RUN_TO_LINE_TARGET);
        }
        return super.getAdapter(type);
    }

    @Override
    protected boolean isLineNumberRulerVisible() {
        return true;
    }

    @Override
    protected void createActions() {
        super.createActions();
        setAction(ITextEditorActionConstants.RULER_DOUBLE_CLICK, new ToggleBreakpointAction());
    }

    /** Toggles a Ruedo line breakpoint on the ruler line last clicked. */
    final class ToggleBreakpointAction extends Action {
        ToggleBreakpointAction() {
            super("Toggle Breakpoint");
        }

        @Override
        public void run() {
            IVerticalRulerInfo ruler = getAdapter(IVerticalRulerInfo.class);
            IFile file = getEditorInput().getAdapter(IFile.class);
            if (ruler == null || file == null) {
                return;
            }
            int line = ruler.getLineOfLastMouseButtonActivity();
            if (line < 0) {
                return;
            }
            try {
                RuedoBreakpoints.toggleLineBreakpoint(file, line + 1);
            } catch (CoreException e) {
                org.eclipse.core.runtime.ILog.of(getClass()).error("cannot toggle breakpoint", e);
            }
        }
    }
}
