package org.ruedo.ui.internal.debug;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.DecorationOverlayIcon;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.part.FileEditorInput;
import org.ruedo.debug.breakpoints.GdbBreakpoint;
import org.ruedo.debug.breakpoints.RuedoFunctionBreakpoint;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;
import org.ruedo.ui.internal.editors.CodeEditor;

/**
 * Labels and editors for the Ruedo debug model: vCPU threads with their state, frames as
 * {@code func() at main.c:12}, breakpoints with their condition; sources open in the C or assembler editor.
 */
public class RuedoModelPresentation extends LabelProvider implements IDebugModelPresentation {
    /** Images made here (breakpoint icons with overlays), freed with the presentation. */
    private final java.util.Map<String, Image> images = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Breakpoint icons for the Breakpoints view and the editors' rulers (the platform's ruler image provider asks
     * the model presentation): the platform's enabled/disabled breakpoint, with an orange mark when it has a
     * condition. The rest gets the platform's default images.
     */
    @Override
    public Image getImage(Object element) {
        if (element instanceof GdbBreakpoint b) {
            try {
                // watchpoints get the platform's watchpoint icon, line, function and address breakpoints its breakpoint
                String kind = b instanceof org.ruedo.debug.breakpoints.RuedoWatchpoint
                        ? (b.isEnabled() ? IDebugUIConstants.IMG_OBJS_WATCHPOINT : IDebugUIConstants.IMG_OBJS_WATCHPOINT_DISABLED)
                        : (b.isEnabled() ? IDebugUIConstants.IMG_OBJS_BREAKPOINT : IDebugUIConstants.IMG_OBJS_BREAKPOINT_DISABLED);
                ImageDescriptor base = DebugUITools.getImageDescriptor(kind);
                boolean conditional = !b.condition().isEmpty();
                ImageDescriptor d = conditional ? new DecorationOverlayIcon(base, CONDITIONAL, IDecoration.TOP_RIGHT) : base;
                // the Breakpoints view asks from its label job, the rulers from the UI thread: no Display.getCurrent()
                return images.computeIfAbsent(kind + "/" + conditional,
                        k -> d.createImage(true, org.eclipse.swt.widgets.Display.getDefault()));
            } catch (CoreException e) {
                return null; // marker gone: the platform's default
            }
        }
        return null;
    }

    private static final ImageDescriptor CONDITIONAL = ImageDescriptor.createFromURL(
            RuedoModelPresentation.class.getResource("/icons/conditional_ovr.png"));

    @Override
    public void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
        super.dispose();
    }

    @Override
    public void setAttribute(String attribute, Object value) {
    }

    @Override
    public String getText(Object element) {
        if (element instanceof RuedoStackFrame f) {
            // as CDT: the file's name, not the absolute path the build gave gdb (which pushes the line out of sight)
            var mf = f.frame();
            if (mf.file() != null && mf.func() != null) {
                String file = mf.file().substring(mf.file().lastIndexOf('/') + 1);
                return mf.func() + "() at " + file + ":" + mf.line();
            }
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
        if (element instanceof org.eclipse.debug.core.model.IBreakpoint b && b.getMarker() != null
                && b.getMarker().getResource() instanceof IFile f) {
            return new FileEditorInput(f); // Breakpoints view: Go to File (the platform then goes to the marker's line)
        }
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
