package org.ruedo.debug.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.MemoryByte;

/**
 * A range of guest memory for the Memory view, read with {@code -data-read-memory-bytes} and written
 * with {@code -data-write-memory-bytes}. Created from an address or from an expression (the Memory
 * view's "Add memory monitor" box goes through {@link RuedoDebugTarget#getExtendedMemoryBlock}).
 * Bytes gdb cannot read (unmapped guest memory) come back without the READABLE flag.
 */
public class RuedoMemoryBlock extends DebugElementBase implements IMemoryBlockExtension {
    private final String expression;
    private volatile long start;
    private final long length;
    private final List<Object> connections = new ArrayList<>();

    RuedoMemoryBlock(RuedoDebugTarget target, String expression, long start, long length) {
        super(target);
        this.expression = expression;
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
        return session().memory().read(start, (int) Math.min(length, 1 << 20));
    }

    @Override
    public boolean supportsValueModification() {
        return target().isSuspended();
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        if (!target().isSuspended()) {
            throw notSuspended("Memory");
        }
        session().memory().write(start + offset, bytes);
        fireChangeEvent(DebugEvent.CONTENT);
    }

    // ---- IMemoryBlockExtension ----

    @Override
    public String getExpression() {
        return expression;
    }

    @Override
    public BigInteger getBigBaseAddress() {
        return BigInteger.valueOf(start);
    }

    @Override
    public BigInteger getMemoryBlockStartAddress() {
        return null; // the whole 64-bit space may be shown
    }

    @Override
    public BigInteger getMemoryBlockEndAddress() {
        return null;
    }

    @Override
    public BigInteger getBigLength() {
        return BigInteger.valueOf(length);
    }

    @Override
    public int getAddressSize() {
        return 8;
    }

    @Override
    public boolean supportBaseAddressModification() {
        return true;
    }

    @Override
    public boolean supportsChangeManagement() {
        return false;
    }

    @Override
    public void setBaseAddress(BigInteger address) {
        start = address.longValue();
        fireChangeEvent(DebugEvent.STATE);
    }

    @Override
    public MemoryByte[] getBytesFromOffset(BigInteger unitOffset, long addressableUnits) throws DebugException {
        return getBytesFromAddress(getBigBaseAddress().add(unitOffset), addressableUnits);
    }

    @Override
    public MemoryByte[] getBytesFromAddress(BigInteger address, long units) throws DebugException {
        int n = (int) Math.min(Math.max(units, 0), 1 << 20);
        MemoryByte[] out = new MemoryByte[n];
        byte[] data = new byte[0];
        if (target().isSuspended()) {
            data = session().memory().readOrEmpty(address.longValue(), n); // unmapped: shown as unreadable bytes
        }
        for (int i = 0; i < n; i++) {
            out[i] = i < data.length ? new MemoryByte(data[i], (byte) (MemoryByte.READABLE | MemoryByte.WRITABLE))
                    : new MemoryByte((byte) 0, (byte) 0);
        }
        return out;
    }

    @Override
    public void setValue(BigInteger offset, byte[] bytes) throws DebugException {
        setValue(offset.longValue(), bytes);
    }

    @Override
    public synchronized void connect(Object client) {
        if (!connections.contains(client)) {
            connections.add(client);
        }
    }

    @Override
    public synchronized void disconnect(Object client) {
        connections.remove(client);
    }

    @Override
    public synchronized Object[] getConnections() {
        return connections.toArray();
    }

    @Override
    public void dispose() {
        synchronized (this) {
            connections.clear();
        }
    }

    @Override
    public IMemoryBlockRetrieval getMemoryBlockRetrieval() {
        return target();
    }

    @Override
    public int getAddressableSize() {
        return 1;
    }
}
