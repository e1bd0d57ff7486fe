package org.ruedo.debug.mi.commands;

import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MIValue;

/**
 * {@code -data-read-memory-bytes}.
 *
 * <pre>
 * -&gt; 42-data-read-memory-bytes 0x100000 16
 * &lt;- 42^done,memory=[{begin="0x100000",offset="0x0",end="0x100010",contents="02b0ad1b..."}]
 * </pre>
 */
public final class DataReadMemoryBytes extends MICommand<byte[]> {
    public DataReadMemoryBytes(long address, int count) {
        super("-data-read-memory-bytes", "0x" + Long.toHexString(address), Integer.toString(count));
    }

    @Override
    public byte[] result(MIRecord.Result done) {
        return bytes(done);
    }

    private static byte[] bytes(MIRecord.Result done) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (MIValue.Tuple t : done.results().list("memory").tuples()) {
            String hex = t.str("contents");
            for (int i = 0; hex != null && i + 1 < hex.length(); i += 2) {
                out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
            }
        }
        return out.toByteArray();
    }
}
