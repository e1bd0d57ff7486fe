package org.ruedo.launch.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Decodes long-mode GDT and IDT entries (Intel SDM vol. 3A §3.4.5, §7.2.3, §6.14.1) from the tables'
 * raw quadwords as QEMU reads them from guest memory.
 */
public final class Descriptors {
    private Descriptors() {
    }

    /**
     * A GDT entry.
     *
     * @param selector its selector (index * 8)
     * @param kind     {@code null}, {@code code}, {@code data}, {@code TSS}, {@code LDT} or {@code system type N}
     * @param attrs    the type's attributes, e.g. {@code 64-bit, readable, accessed}
     * @param dpl      descriptor privilege level
     * @param present  the P bit
     * @param base     base address (64-bit for a TSS/LDT)
     * @param limit    limit in bytes, granularity applied
     * @param raw      the entry's quadword (the low one for 16-byte entries)
     */
    public record Segment(int selector, String kind, String attrs, int dpl, boolean present, long base, long limit, long raw) {
    }

    /**
     * An IDT gate.
     *
     * @param vector  its vector
     * @param type    {@code interrupt gate}, {@code trap gate} or {@code type N}
     * @param dpl     descriptor privilege level
     * @param present the P bit
     * @param selector the handler's code segment selector
     * @param ist     interrupt stack table slot (0: the current stack)
     * @param handler the handler's address
     * @param symbol  the handler as {@code symbol+0xoff} ({@code symbolizer} result), or null
     */
    public record Gate(int vector, String type, int dpl, boolean present, int selector, int ist, long handler, String symbol) {
    }

    /** The GDT's entries from its quadwords (TSS and LDT descriptors take two). */
    public static List<Segment> gdt(long[] q) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            long d = q[i];
            int sel = i * 8;
            if (d == 0) {
                out.add(new Segment(sel, "null", "", 0, false, 0, 0, 0));
                continue;
            }
            int type = (int) (d >>> 40) & 0xF;
            boolean s = (d >>> 44 & 1) != 0;
            int dpl = (int) (d >>> 45) & 3;
            boolean p = (d >>> 47 & 1) != 0;
            long base = (d >>> 16 & 0xFFFFFF) | (d >>> 56 & 0xFF) << 24;
            long limit = (d & 0xFFFF) | (d >>> 48 & 0xF) << 16;
            if ((d >>> 55 & 1) != 0) {
                limit = limit << 12 | 0xFFF;
            }
            if (s) {
                boolean code = (type & 8) != 0;
                List<String> a = new ArrayList<>();
                if (code) {
                    a.add((d >>> 53 & 1) != 0 ? "64-bit" : (d >>> 54 & 1) != 0 ? "32-bit" : "16-bit");
                    a.add((type & 2) != 0 ? "readable" : "execute-only");
                    if ((type & 4) != 0) {
                        a.add("conforming");
                    }
                } else {
                    a.add((type & 2) != 0 ? "writable" : "read-only");
                    if ((type & 4) != 0) {
                        a.add("expand-down");
                    }
                }
                if ((type & 1) != 0) {
                    a.add("accessed");
                }
                out.add(new Segment(sel, code ? "code" : "data", String.join(", ", a), dpl, p, base, limit, d));
            } else {
                String kind = switch (type) {
                    case 0x2 -> "LDT";
                    case 0x9 -> "TSS";
                    case 0xB -> "TSS";
                    default -> "system type " + type;
                };
                String attrs = type == 0x9 ? "64-bit, available" : type == 0xB ? "64-bit, busy" : "";
                if ((type == 0x2 || type == 0x9 || type == 0xB) && i + 1 < q.length) {
                    base |= (q[i + 1] & 0xFFFFFFFFL) << 32;
                    out.add(new Segment(sel, kind, attrs, dpl, p, base, limit, d));
                    i++;            // the upper half is not an entry of its own
                } else {
                    out.add(new Segment(sel, kind, attrs, dpl, p, base, limit, d));
                }
            }
        }
        return out;
    }

    /** The IDT's gates from its quadwords (two per gate); {@code symbolizer} names handlers (may return null). */
    public static List<Gate> idt(long[] q, LongFunction<String> symbolizer) {
        List<Gate> out = new ArrayList<>();
        for (int v = 0; v * 2 + 1 < q.length; v++) {
            long lo = q[v * 2];
            long hi = q[v * 2 + 1];
            int type = (int) (lo >>> 40) & 0xF;
            boolean p = (lo >>> 47 & 1) != 0;
            long handler = (lo & 0xFFFF) | (lo >>> 48 & 0xFFFF) << 16 | (hi & 0xFFFFFFFFL) << 32;
            String t = switch (type) {
                case 0xE -> "interrupt gate";
                case 0xF -> "trap gate";
                default -> "type " + type;
            };
            out.add(new Gate(v, t, (int) (lo >>> 45) & 3, p, (int) (lo >>> 16) & 0xFFFF, (int) (lo >>> 32) & 7, handler,
                    p && symbolizer != null ? symbolizer.apply(handler) : null));
        }
        return out;
    }
}
