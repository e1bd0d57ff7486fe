package org.ruedo.launch.machine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live-watch expression resolved once to a physical address QEMU can read while the guest runs.
 * Grammar (no gdb is needed, so Run mode has live watch too):
 * <pre>
 * expr   := base [ '+' offset ] [ ':' type ]
 * base   := symbol | '0x' hex          a global or file-static object of the ELF, or an address
 * offset := decimal | '0x' hex         bytes from base (a struct member, an array element)
 * type   := u8 | u16 | u32 | u64 | i8 | i16 | i32 | i64 | x8 | x16 | x32 | x64     (x: shown in hex)
 * </pre>
 * Without a type, a symbol of 1, 2, 4 or 8 bytes is read whole (signed decimal for 4 bytes or less,
 * hex for 8: pointers and counters), anything else asks for a type. Addresses must lie in the kernel's
 * identity map ({@link KernelLayout}); a stack address or a name that is no symbol (a local) is refused
 * with a message saying to suspend and use the Variables view.
 *
 * @param text     the expression as typed
 * @param address  the physical (= virtual) address
 * @param size     bytes read: 1, 2, 4 or 8
 * @param signed   shown as a signed number
 * @param hex      shown in hex
 * @param note     what the user should know about it (e.g. "2 symbols named x: the global one"), or empty
 */
public record WatchExpression(String text, long address, int size, boolean signed, boolean hex, String note) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z_.$][A-Za-z0-9_.$]*|0[xX][0-9a-fA-F]+)\\s*(?:\\+\\s*(0[xX][0-9a-fA-F]+|\\d+))?\\s*(?::\\s*([uix])(8|16|32|64))?\\s*");

    /** An expression that cannot be watched live, with the reason to show. */
    public static final class Unwatchable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unwatchable(String message) {
            super(message);
        }
    }

    /**
     * Resolves {@code text} against the ELF's symbols.
     *
     * @throws Unwatchable with a message for the user
     */
    public static WatchExpression resolve(String text, ElfSymbols symbols) throws Unwatchable {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new Unwatchable("'" + text.strip() + "': live watch reads globals: NAME, NAME+OFFSET or 0xADDRESS, "
                    + "optionally with :u8/:u16/:u32/:u64 (or i.., x..), e.g. rallies or stats+8:u64");
        }
        String base = m.group(1);
        long offset = m.group(2) == null ? 0 : parseNumber(m.group(2));
        long address;
        long symSize = 0;
        String note = "";
        if (base.startsWith("0x") || base.startsWith("0X")) {
            address = Long.parseUnsignedLong(base.substring(2), 16);
        } else {
            ElfSymbols.Symbol s = symbols.find(base).orElseThrow(() -> new Unwatchable("'" + base
                    + "' is not a global or static variable of the image: a local lives on its thread's stack, which is mapped "
                    + "outside the identity map QEMU reads here; suspend the guest and use the Variables view"));
            if (s.function()) {
                throw new Unwatchable("'" + base + "' is code (a function or an assembler label), not a variable");
            }
            address = s.address();
            symSize = s.size();
            long n = symbols.count(base);
            if (n > 1) {
                note = n + " symbols are named " + base + "; watching the one at 0x" + Long.toHexString(address);
            }
        }
        address += offset;
        int size;
        boolean signed;
        boolean hex;
        if (m.group(3) != null) {
            size = Integer.parseInt(m.group(4)) / 8;
            String k = m.group(3).toLowerCase(Locale.ROOT);
            signed = k.equals("i");
            hex = k.equals("x");
        } else {
            long avail = symSize == 0 ? 4 : symSize - offset;
            if (offset == 0 && (symSize == 1 || symSize == 2 || symSize == 4 || symSize == 8)) {
                size = (int) symSize;
            } else if (symSize == 0) {
                size = 4;
            } else {
                throw new Unwatchable("'" + base + "' is " + symSize + " bytes" + (offset > 0 ? " (" + avail + " from the offset)" : "")
                        + ": say which part to watch, e.g. " + base + "+0:u32 or " + base + "+8:u64");
            }
            signed = size <= 4;
            hex = size == 8;
        }
        if (!KernelLayout.identityMapped(address) || !KernelLayout.identityMapped(address + size - 1)) {
            String where = KernelLayout.onThreadStack(address)
                    ? "is on a thread stack (the stack arena at 0x8000000000, not identity-mapped)"
                    : "is outside the kernel's identity map (4 KiB .. 4 GiB)";
            throw new Unwatchable(String.format("0x%x %s: live watch reads physical memory at the global's address; "
                    + "suspend the guest and use the Variables or Expressions view", address, where));
        }
        return new WatchExpression(text.strip(), address, size, signed, hex, note);
    }

    private static long parseNumber(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** The raw unit as this expression's number (sign-extended when signed). */
    public long value(long raw) {
        if (!signed || size == 8) {
            return raw;
        }
        int shift = 64 - size * 8;
        return raw << shift >> shift;
    }

    /** A value as shown: decimal (with hex for unsigned values over 9), or hex. */
    public String format(long v) {
        String h = "0x" + Long.toHexString(size == 8 ? v : v & ((1L << size * 8) - 1));
        if (hex) {
            return h;
        }
        String d = signed ? Long.toString(v) : Long.toUnsignedString(v);
        return !signed && Long.compareUnsigned(v, 9) > 0 ? d + " (" + h + ")" : d;
    }

    /** The type shown in the view: {@code i32}, {@code u64}, {@code x16}. */
    public String typeName() {
        return (hex ? "x" : signed ? "i" : "u") + size * 8;
    }
}
