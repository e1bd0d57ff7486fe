package org.ruedo.debug.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.commands.DataReadMemoryBytes;

/** A range of guest memory for the Memory view, read with {@code -data-read-memory-bytes}. */
public class RuedoMemoryBlock extends DebugElementBase implements IMemoryBlock {
    private final long start;
    private final long length;

    RuedoMemoryBlock(RuedoDebugTarget target, long start, long length) {
        super(target);
        this.start = start;
        this.length = length;
    }

    @Override
    public long getStartAddress() {
        return start;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public byte[] getBytes() throws DebugException {
        if (!target().isSuspended()) {
            return new byte[0];
        }
        try {
            return target().mi().execute(new DataReadMemoryBytes(start, (int) Math.min(length, 1 << 20)));
        } catch (MIException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        throw new DebugException(org.eclipse.core.runtime.Status.error("writing memory is not supported yet"));
    }
}
