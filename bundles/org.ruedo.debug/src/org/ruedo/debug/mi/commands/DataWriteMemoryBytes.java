package org.ruedo.debug.mi.commands;

import java.util.HexFormat;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;

/**
 * {@code -data-write-memory-bytes}: writes guest memory (edits in the Memory view).
 *
 * <pre>
 * -&gt; 43-data-write-memory-bytes 0x1ff000 "deadbeef"
 * &lt;- 43^done
 * </pre>
 */
public final class DataWriteMemoryBytes extends MICommand<Void> {
    public DataWriteMemoryBytes(long address, byte[] bytes) {
        super("-data-write-memory-bytes", "0x" + Long.toHexString(address), '"' + HexFormat.of().formatHex(bytes) + '"');
    }

    @Override
    public Void result(MIRecord.Result done) {
        return null;
    }
}
