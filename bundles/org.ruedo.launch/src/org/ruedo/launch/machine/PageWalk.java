package org.ruedo.launch.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * A 4-level x86-64 page-table walk of one virtual address (Intel SDM vol. 3A §4.5), reading the tables
 * from guest physical memory: CR3 -&gt; PML4E -&gt; PDPTE -&gt; PDE -&gt; PTE, stopping at a non-present entry or
 * at a large page (PS). The result says whether the address is mapped, to which physical address, and
 * its effective rights (writable only if every level is, NX if any level is).
 */
public final class PageWalk {
    /** Reads one quadword of guest physical memory. */
    @FunctionalInterface
    public interface PhysicalMemory {
        long read64(long physicalAddress) throws Exception;
    }

    /**
     * One level of the walk.
     *
     * @param name         {@code PML4E}, {@code PDPTE}, {@code PDE} or {@code PTE}
     * @param index        the entry's index in its table (9 bits of the address)
     * @param entryAddress the entry's physical address
     * @param entry        the entry
     * @param flags        its flags as letters, e.g. {@code P RW A PS}
     * @param next         the next table's (or, for a leaf, the page's) physical address
     * @param leaf         this entry maps the page (a PTE, or PS set)
     */
    public record Level(String name, int index, long entryAddress, long entry, String flags, long next, boolean leaf) {
        public boolean present() {
            return (entry & 1) != 0;
        }
    }

    /**
     * The walk's outcome.
     *
     * @param levels   the levels read, the last one the leaf or the not-present entry
     * @param present  the address is mapped
     * @param physical the physical address it maps to (-1 when not present)
     * @param pageSize 4 KiB, 2 MiB or 1 GiB (0 when not present)
     * @param writable every level has RW
     * @param user     every level has US
     * @param noExecute some level has NX
     */
    public record Result(long virtual, List<Level> levels, boolean present, long physical, long pageSize, boolean writable,
            boolean user, boolean noExecute) {
        /** One line: {@code 0x...: present, 4 KiB page at 0x..., writable} or {@code not present (PTE 3 clear)}. */
        public String summary() {
            if (!present) {
                Level last = levels.get(levels.size() - 1);
                return String.format("0x%x: not present (%s %d has P clear)", virtual, last.name(), last.index());
            }
            return String.format("0x%x: present, %s page, physical 0x%x, %s, %s%s", virtual, size(pageSize), physical,
                    writable ? "writable" : "read-only", user ? "user" : "supervisor only", noExecute ? ", no-execute" : ", executable");
        }
    }

    private static final String[] NAMES = { "PML4E", "PDPTE", "PDE", "PTE" };
    private static final long ADDR = 0x000FFFFFFFFFF000L;

    private PageWalk() {
    }

    /**
     * Walks {@code virtual} through the tables at {@code cr3}.
     *
     * @throws IllegalArgumentException for a non-canonical address
     * @throws Exception                what {@code mem} throws (the table could not be read)
     */
    public static Result walk(long cr3, long virtual, PhysicalMemory mem) throws Exception {
        long top = virtual >> 47;
        if (top != 0 && top != -1) {
            throw new IllegalArgumentException(String.format("0x%x is not a canonical address (bits 63..47 differ)", virtual));
        }
        List<Level> levels = new ArrayList<>();
        long table = cr3 & ADDR;
        boolean rw = true;
        boolean us = true;
        boolean nx = false;
        for (int l = 0; l < 4; l++) {
            int shift = 39 - 9 * l;
            int index = (int) (virtual >>> shift) & 511;
            long ea = table + index * 8L;
            long e = mem.read64(ea);
            boolean present = (e & 1) != 0;
            boolean ps = l > 0 && l < 3 && (e & 0x80) != 0;
            boolean leaf = present && (l == 3 || ps);
            long next = leaf ? e & ADDR & ~((1L << shift) - 1) : e & ADDR;
            levels.add(new Level(NAMES[l], index, ea, e, flags(e, l), next, leaf));
            if (!present) {
                return new Result(virtual, levels, false, -1, 0, false, false, false);
            }
            rw &= (e & 2) != 0;
            us &= (e & 4) != 0;
            nx |= e < 0;
            if (leaf) {
                long size = 1L << shift;
                return new Result(virtual, levels, true, next | (virtual & (size - 1)), size, rw, us, nx);
            }
            table = next;
        }
        throw new AssertionError("unreachable");
    }

    /** An entry's flags as names: P RW US PWT PCD A D PS G NX (only those set). */
    static String flags(long e, int level) {
        StringBuilder b = new StringBuilder();
        String[] n = { "P", "RW", "US", "PWT", "PCD", "A", "D", level == 3 ? "PAT" : "PS", "G" };
        for (int i = 0; i < n.length; i++) {
            if ((e >>> i & 1) != 0 && !(i == 8 && level == 0)) {
                b.append(b.isEmpty() ? "" : " ").append(n[i]);
            }
        }
        if (e < 0) {
            b.append(b.isEmpty() ? "" : " ").append("NX");
        }
        return b.isEmpty() ? "-" : b.toString();
    }

    static String size(long s) {
        return s >= 1L << 30 ? (s >> 30) + " GiB" : s >= 1L << 20 ? (s >> 20) + " MiB" : (s >> 10) + " KiB";
    }
}
