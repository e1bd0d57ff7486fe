package org.ruedo.launch.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * The x86-64 control and flags registers the machine state view decodes, each with its bits (Intel
 * SDM vol. 3A §2.5, §2.2.1 for EFER, vol. 1 §3.4.3 for RFLAGS). {@link #decode} lists every named
 * field with its value; reserved bits that are set are listed too, so nothing set goes unseen.
 */
public enum ControlRegister {
    CR0("CR0", List.of(
            f(0, "PE", "protection enable"), f(1, "MP", "monitor coprocessor"), f(2, "EM", "x87 emulation"),
            f(3, "TS", "task switched"), f(4, "ET", "extension type"), f(5, "NE", "numeric error (native x87 errors)"),
            f(16, "WP", "write protect (ring 0 honours read-only pages)"), f(18, "AM", "alignment mask"),
            f(29, "NW", "not write-through"), f(30, "CD", "cache disable"), f(31, "PG", "paging"))),
    CR2("CR2", List.of(f(0, 64, "ADDR", "linear address of the last page fault"))),
    CR3("CR3", List.of(f(3, "PWT", "page-level write-through"), f(4, "PCD", "page-level cache disable"),
            f(12, 40, "PML4", "physical address of the PML4 table (bits 51:12)"))),
    CR4("CR4", List.of(
            f(0, "VME", "virtual-8086 mode extensions"), f(1, "PVI", "protected-mode virtual interrupts"),
            f(2, "TSD", "time stamp disable (RDTSC ring 0 only)"), f(3, "DE", "debugging extensions"),
            f(4, "PSE", "page size extensions"), f(5, "PAE", "physical address extension"),
            f(6, "MCE", "machine-check enable"), f(7, "PGE", "page global enable"),
            f(8, "PCE", "performance-monitoring counter enable"), f(9, "OSFXSR", "OS supports FXSAVE/FXRSTOR"),
            f(10, "OSXMMEXCPT", "OS handles unmasked SIMD FP exceptions"), f(11, "UMIP", "user-mode instruction prevention"),
            f(12, "LA57", "5-level paging"), f(13, "VMXE", "VMX enable"), f(14, "SMXE", "SMX enable"),
            f(16, "FSGSBASE", "RDFSBASE/WRFSBASE enable"), f(17, "PCIDE", "PCID enable"), f(18, "OSXSAVE", "XSAVE enable"),
            f(19, "KL", "key locker enable"), f(20, "SMEP", "supervisor-mode execution prevention"),
            f(21, "SMAP", "supervisor-mode access prevention"), f(22, "PKE", "protection keys for user pages"),
            f(23, "CET", "control-flow enforcement"), f(24, "PKS", "protection keys for supervisor pages"))),
    EFER("EFER", List.of(f(0, "SCE", "SYSCALL/SYSRET enable"), f(8, "LME", "long mode enable"),
            f(10, "LMA", "long mode active"), f(11, "NXE", "no-execute enable"), f(12, "SVME", "SVM enable"),
            f(13, "LMSLE", "long mode segment limit enable"), f(14, "FFXSR", "fast FXSAVE/FXRSTOR"),
            f(15, "TCE", "translation cache extension"))),
    RFLAGS("RFLAGS", List.of(
            f(0, "CF", "carry"), f(1, "1", "reserved, always 1"), f(2, "PF", "parity"), f(4, "AF", "auxiliary carry"),
            f(6, "ZF", "zero"), f(7, "SF", "sign"), f(8, "TF", "trap (single step)"), f(9, "IF", "interrupts enabled"),
            f(10, "DF", "direction"), f(11, "OF", "overflow"), f(12, 2, "IOPL", "I/O privilege level"),
            f(14, "NT", "nested task"), f(16, "RF", "resume"), f(17, "VM", "virtual-8086 mode"),
            f(18, "AC", "alignment check / access control"), f(19, "VIF", "virtual interrupt flag"),
            f(20, "VIP", "virtual interrupt pending"), f(21, "ID", "CPUID available")));

    /** A named field: {@code width} bits from {@code bit}. */
    public record Field(int bit, int width, String name, String meaning) {
        /** The field's value in {@code reg}. */
        public long of(long reg) {
            return width == 64 ? reg : (reg >>> bit) & ((1L << width) - 1);
        }
    }

    /** A field of a decoded value: {@code value} is 0/1 for a flag, the field's number otherwise. */
    public record Decoded(Field field, long value) {
        public boolean set() {
            return value != 0;
        }
    }

    private final String label;
    private final List<Field> fields;

    ControlRegister(String label, List<Field> fields) {
        this.label = label;
        this.fields = fields;
    }

    private static Field f(int bit, String name, String meaning) {
        return new Field(bit, 1, name, meaning);
    }

    private static Field f(int bit, int width, String name, String meaning) {
        return new Field(bit, width, name, meaning);
    }

    /** The register's name as QEMU and the SDM print it. */
    public String label() {
        return label;
    }

    /** The key of this register in QEMU's {@code info registers} ({@code RFL} for RFLAGS). */
    public String dumpKey() {
        return this == RFLAGS ? "RFL" : label;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Every named field with its value, then each set bit no field names ("reserved bit N"). */
    public List<Decoded> decode(long value) {
        List<Decoded> out = new ArrayList<>();
        long named = 0;
        for (Field fd : fields) {
            out.add(new Decoded(fd, fd.of(value)));
            named |= fd.width == 64 ? -1L : ((1L << fd.width) - 1) << fd.bit;
        }
        if (this != CR3) {
            long rest = value & ~named;
            for (int b = 0; b < 64; b++) {
                if ((rest >>> b & 1) != 0) {
                    out.add(new Decoded(new Field(b, 1, "bit " + b, "reserved (set)"), 1));
                }
            }
        }
        return out;
    }

    /** The names of the set one-bit fields, e.g. {@code PE ET PG} for CR0 0x80000011. */
    public String setFlags(long value) {
        StringBuilder b = new StringBuilder();
        for (Decoded d : decode(value)) {
            if (d.field().width() == 1 && d.set() && !d.field().name().equals("1")) {
                b.append(b.isEmpty() ? "" : " ").append(d.field().name());
            }
        }
        return b.toString();
    }
}
