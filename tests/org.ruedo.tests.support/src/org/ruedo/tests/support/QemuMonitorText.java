package org.ruedo.tests.support;

/** Reads QEMU's own HMP text, the independent oracle of the machine-state tests. */
public final class QemuMonitorText {
    private QemuMonitorText() {
    }

    /**
     * The protection {@code info mem} prints for the range holding {@code address} ({@code -rw}, {@code -r-},
     * {@code urw}, ...), or null when no range holds it. Lines read {@code START-END SIZE PROT}.
     */
    public static String infoMemProtection(String infoMem, long address) {
        for (String line : infoMem.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].contains("-")) {
                long lo = Long.parseUnsignedLong(f[0].split("-")[0], 16);
                long hi = Long.parseUnsignedLong(f[0].split("-")[1], 16);
                if (Long.compareUnsigned(address, lo) >= 0 && Long.compareUnsigned(address, hi) < 0) {
                    return f[2];
                }
            }
        }
        return null;
    }
}
