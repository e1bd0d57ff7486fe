package org.ruedo.debug.internal.service;

import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.StackListFrames;

/** Stacks (DSF-GDB's IStack): a vCPU's frames, innermost first, as gdb unwinds them. */
public final class StackService extends MIService {
    public StackService(MISession mi) {
        super(mi);
    }

    /** The frames of gdb thread {@code thread}. */
    public List<MIFrame> frames(int thread) throws DebugException {
        return execute(new StackListFrames(thread));
    }
}
