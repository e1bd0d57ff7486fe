package org.ruedo.launch.qmp.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ruedo.launch.qmp.QmpCommand;
import org.ruedo.launch.qmp.QmpException;

/**
 * Reads guest memory without stopping the guest: HMP {@code xp} (physical addresses) or {@code x}
 * (virtual, through {@code cpuIndex}'s page tables), as {@code count} little-endian units of
 * {@code unit} bytes (1, 2, 4 or 8). The result has one {@code long} per unit, zero-extended.
 * <pre>
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "xp /2gx 0x102000"}, "id": 11}
 * &lt;- {"return": "0000000000102000: 0x0000000000103023 0x0000000000000000\r\n", "id": 11}
 * -&gt; {"execute": "human-monitor-command", "arguments": {"command-line": "x /1wx 0x40001000", "cpu-index": 0}, "id": 12}
 * &lt;- {"return": "0000000040001000: Cannot access memory\r\n", "id": 12}          (not mapped: a QmpException)
 * </pre>
 * Lines hold 8 bytes for {@code /b}, otherwise 16; every {@code 0x} token after the address is a unit.
 */
public final class MemoryRead extends QmpCommand<long[]> {
    private final HumanMonitorCommand hmp;
    private final int count;
    private final long address;

    private MemoryRead(boolean physical, long address, int count, int unit, int cpuIndex) {
        if (count < 1 || count > 4096) {
            throw new IllegalArgumentException("count " + count + " not in 1..4096");
        }
        char size = switch (unit) {
            case 1 -> 'b';
            case 2 -> 'h';
            case 4 -> 'w';
            case 8 -> 'g';
            default -> throw new IllegalArgumentException("unit " + unit + " is not 1, 2, 4 or 8");
        };
        this.count = count;
        this.address = address;
        this.hmp = new HumanMonitorCommand((physical ? "xp /" : "x /") + count + size + "x 0x" + Long.toHexString(address), cpuIndex);
    }

    /** {@code count} units at physical address {@code address}. */
    public static MemoryRead physical(long address, int count, int unit) {
        return new MemoryRead(true, address, count, unit, -1);
    }

    /** {@code count} units at virtual address {@code address} as vCPU {@code cpuIndex} sees it. */
    public static MemoryRead virtual(long address, int count, int unit, int cpuIndex) {
        return new MemoryRead(false, address, count, unit, cpuIndex);
    }

    @Override
    public String name() {
        return hmp.name();
    }

    @Override
    public java.util.Map<String, Object> arguments() {
        return hmp.arguments();
    }

    @Override
    public long[] result(Object value) throws QmpException {
        String text = hmp.result(value);
        List<Long> units = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (!line.isBlank()) {
                    throw new QmpException(hmp.commandLine() + ": " + line.strip());
                }
                continue;
            }
            String rest = line.substring(colon + 1).strip();
            if (rest.toLowerCase(Locale.ROOT).startsWith("cannot access memory")) {
                throw new QmpException("cannot read guest memory at 0x" + line.substring(0, colon).strip().replaceFirst("^0+(?=.)", "")
                        + " (" + hmp.commandLine() + "): not mapped");
            }
            for (String tok : rest.split("\\s+")) {
                if (tok.startsWith("0x")) {
                    units.add(Long.parseUnsignedLong(tok.substring(2), 16));
                }
            }
        }
        if (units.size() != count) {
            throw new QmpException(hmp.commandLine() + ": read " + units.size() + " of " + count + " units at 0x"
                    + Long.toHexString(address) + (text.isBlank() ? "" : ": " + text.strip()));
        }
        return units.stream().mapToLong(Long::longValue).toArray();
    }
}
