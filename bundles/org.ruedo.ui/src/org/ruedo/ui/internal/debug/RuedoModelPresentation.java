package org.ruedo.ui.internal.debug;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.part.FileEditorInput;
import org.ruedo.debug.breakpoints.RuedoFunctionBreakpoint;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.ui.internal.editors.CodeEditor;

/**
 * Labels and editors for the Ruedo debug model: vCPU threads with their state, frames as
 * {@code func() at file:line}, breakpoints with their condition; sources open in the C or assembler editor.
 */
public class RuedoModelPresentation extends LabelProvider implements IDebugModelPresentation {
    @Override
    public void setAttribute(String attribute, Object value) {
    }

    @Override
    public String getText(Object element) {
        if (element instanceof RuedoStackFrame f) {
            return f.getName();
        }
        if (element instanceof RuedoThread t) {
            return t.getName() + " (" + t.stateLabel() + ")";
        }
        if (element instanceof RuedoDebugTarget t) {
            return t.getName() + (t.isTerminated() ? " <terminated>" : "");
        }
        if (element instanceof org.ruedo.debug.breakpoints.RuedoAddressBreakpoint
                || element instanceof org.ruedo.debug.breakpoints.RuedoWatchpoint) {
            return org.ruedo.ui.internal.debug.disassembly.BreakpointLabels.text((org.eclipse.debug.core.model.IBreakpoint) element);
        }
        if (element instanceof RuedoFunctionBreakpoint b) {
            String cond = b.condition();
            return b.function() + "()" + (cond.isEmpty() ? "" : " [if " + cond + "]");
        }
        if (element instanceof RuedoLineBreakpoint b) {
            try {
                String cond = b.condition();
                return b.getMarker().getResource().getName() + " [line: " + b.getLineNumber() + "]"
                        + (cond.isEmpty() ? "" : " [if " + cond + "]");
            } catch (org.eclipse.core.runtime.CoreException e) {
                return null;
            }
        }
        return null; // default labels (getName) for the rest
    }

    @Override
    public org.eclipse.swt.graphics.Image getImage(Object element) {
        return org.ruedo.ui.internal.debug.disassembly.BreakpointLabels.image(element);
    }

    @Override
    public void computeDetail(IValue value, IValueDetailListener listener) {
        String detail;
        try {
            detail = value.getValueString();
        } catch (Exception e) {
            detail = e.getMessage();
        }
        listener.detailComputed(value, detail);
    }

    @Override
    public IEditorInput getEditorInput(Object element) {
        if (element instanceof IFile f) {
            return new FileEditorInput(f);
        }
        if (element instanceof LocalFileStorage s) {
            return new FileStoreEditorInput(EFS.getLocalFileSystem().getStore(IPath.fromOSString(s.getFile().getAbsolutePath())));
        }
        return null;
    }

    @Override
    public String getEditorId(IEditorInput input, Object element) {
        String name = input.getName();
        return name.endsWith(".S") || name.endsWith(".s") ? CodeEditor.ASM_ID : CodeEditor.C_ID;
    }
}
