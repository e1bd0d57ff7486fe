package org.ruedo.debug.internal.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.DataEvaluateExpression;
import org.ruedo.debug.mi.commands.DataReadMemoryBytes;
import org.ruedo.debug.mi.commands.DataWriteMemoryBytes;

/** Guest memory (DSF-GDB's IMemory): reads, writes, and the address an expression names. */
public final class MemoryService extends MIService {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]+|^[0-9]+");

    public MemoryService(MISession mi) {
        super(mi);
    }

    /** {@code count} bytes at {@code address}; fails on unmapped memory. */
    public byte[] read(long address, int count) throws DebugException {
        return execute(new DataReadMemoryBytes(address, count));
    }

    /** {@code count} bytes at {@code address}; empty where gdb cannot read (unmapped guest memory). */
    public byte[] readOrEmpty(long address, int count) {
        try {
            return mi.execute(new DataReadMemoryBytes(address, count));
        } catch (MIException e) {
            return new byte[0];
        }
    }

    public void write(long address, byte[] bytes) throws DebugException {
        execute(new DataWriteMemoryBytes(address, bytes));
    }

    /** The address {@code expression} evaluates to in a frame ({@code &buf}, {@code $rsp}, {@code 0x100000}). */
    public long addressOf(int thread, int level, String expression) throws DebugException {
        String value = execute(new DataEvaluateExpression(thread, level, expression));
        Matcher m = ADDRESS.matcher(value.strip());
        if (!m.find()) {
            throw ServiceException.of("'" + expression + "' is not an address: " + value);
        }
        String a = m.group();
        return a.startsWith("0x") ? Long.parseUnsignedLong(a.substring(2), 16) : Long.parseUnsignedLong(a);
    }

}
