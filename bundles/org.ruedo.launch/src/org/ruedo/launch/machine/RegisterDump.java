package org.ruedo.launch.machine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vCPU's registers read from QEMU's {@code info registers} text (see
 * {@link org.ruedo.launch.qmp.commands.InfoRegisters} for the format): every {@code NAME=HEX} pair
 * ({@code RAX}, {@code RIP}, {@code RFL}, {@code CR0}..{@code CR4}, {@code EFER}, {@code CPL},
 * {@code HLT}, ...), the segment registers' selectors ({@code CS}, {@code SS}, ...), and the
 * descriptor-table registers' base and limit ({@code GDT=     base limit}).
 *
 * @param values    register name (upper case, as QEMU prints it) to value
 * @param flagsText QEMU's own RFLAGS letters, e.g. {@code [---Z-P-]} (ODSZAPC), empty when absent
 */
public record RegisterDump(Map<String, Long> values, String flagsText) {
    private static final Pattern PAIR = Pattern.compile("\\b([A-Z][A-Z0-9]*)\\s*=\\s*([0-9a-fA-F]+)\\b");
    private static final Pattern TABLE = Pattern.compile("^(GDT|IDT)=\\s+([0-9a-fA-F]+)\\s+([0-9a-fA-F]+)", Pattern.MULTILINE);
    private static final Pattern SEGMENT = Pattern.compile("^(ES|CS|SS|DS|FS|GS|LDT|TR)\\s*=\\s*([0-9a-fA-F]{4})\\s+([0-9a-fA-F]+)", Pattern.MULTILINE);
    private static final Pattern FLAGS = Pattern.compile("RFL=[0-9a-fA-F]+ (\\[[-A-Z]+\\])");

    /**
     * Parses {@code info registers} output.
     *
     * @throws IllegalArgumentException when the text has no RIP or CR0 (not a register dump, e.g. an HMP error)
     */
    public static RegisterDump parse(String text) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("GDT") || line.startsWith("IDT") || SEGMENT.matcher(line).find()
                    || line.startsWith("FPR") || line.startsWith("XMM")) {
                continue;
            }
            Matcher m = PAIR.matcher(line);
            while (m.find()) {
                v.put(m.group(1), Long.parseUnsignedLong(m.group(2), 16));
            }
        }
        Matcher t = TABLE.matcher(text);
        while (t.find()) {
            v.put(t.group(1) + ".base", Long.parseUnsignedLong(t.group(2), 16));
            v.put(t.group(1) + ".limit", Long.parseUnsignedLong(t.group(3), 16));
        }
        Matcher s = SEGMENT.matcher(text);
        while (s.find()) {
            v.put(s.group(1), Long.parseUnsignedLong(s.group(2), 16));
            v.put(s.group(1) + ".base", Long.parseUnsignedLong(s.group(3), 16));
        }
        if (!v.containsKey("RIP") || !v.containsKey("CR0")) {
            String first = text.strip().lines().findFirst().orElse("(empty)");
            throw new IllegalArgumentException("not a register dump from QEMU: " + first);
        }
        Matcher f = FLAGS.matcher(text);
        return new RegisterDump(Map.copyOf(v), f.find() ? f.group(1) : "");
    }

    /** A register's value. @throws IllegalArgumentException when QEMU did not print it */
    public long get(String name) {
        Long x = values.get(name);
        if (x == null) {
            throw new IllegalArgumentException("QEMU's register dump has no " + name);
        }
        return x;
    }

    /** Whether QEMU printed the register. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public long gdtBase() {
        return get("GDT.base");
    }

    public int gdtLimit() {
        return (int) get("GDT.limit");
    }

    public long idtBase() {
        return get("IDT.base");
    }

    public int idtLimit() {
        return (int) get("IDT.limit");
    }
}
