package org.ruedo.launch.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The symbol table ({@code .symtab}) of a little-endian ELF64 file: functions and data objects with
 * their address and size, for naming IDT handlers and resolving live-watch globals without gdb (Run
 * mode has none). File-static symbols ({@code static int x;}) are included; locals on a stack are not
 * symbols at all.
 */
public final class ElfSymbols {
    /**
     * A function, data object or assembler label. {@code function}: code (a function, or a label in an
     * executable section); {@code global} is false for file-static ones.
     */
    public record Symbol(String name, long address, long size, boolean function, boolean global) {
    }

    private final List<Symbol> byAddress;

    private ElfSymbols(List<Symbol> symbols) {
        this.byAddress = symbols.stream().sorted(Comparator.comparingLong(Symbol::address)).toList();
    }

    /**
     * Reads the symbols of {@code elf}.
     *
     * @throws IOException when the file cannot be read or is not an ELF64 with a symbol table
     */
    public static ElfSymbols read(Path elf) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
            throw new IOException(elf + " is not a little-endian ELF64 file");
        }
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
        int shnum = Short.toUnsignedInt(b.getShort(0x3C));
        List<Symbol> out = new ArrayList<>();
        boolean found = false;
        try {
            for (int i = 0; i < shnum; i++) {
                int sh = (int) (shoff + (long) i * shentsize);
                if (b.getInt(sh + 4) != 2) {          // SHT_SYMTAB
                    continue;
                }
                found = true;
                int off = (int) b.getLong(sh + 0x18);
                int size = (int) b.getLong(sh + 0x20);
                int link = b.getInt(sh + 0x28);
                int ent = (int) b.getLong(sh + 0x38);
                int strSh = (int) (shoff + (long) link * shentsize);
                int strOff = (int) b.getLong(strSh + 0x18);
                for (int s = off; s + ent <= off + size; s += ent) {
                    int info = b.get(s + 4) & 0xFF;
                    int type = info & 0xF;
                    int shndx = Short.toUnsignedInt(b.getShort(s + 6));
                    if (type > 2 || shndx == 0 || shndx >= shnum) {
                        continue;         // only defined objects, functions and assembler labels (NOTYPE)
                    }
                    String name = cString(b, strOff + b.getInt(s));
                    // code: a function, or a label in an executable section (SHF_EXECINSTR)
                    boolean code = type == 2 || type == 0 && (b.getLong((int) (shoff + (long) shndx * shentsize) + 8) & 4) != 0;
                    if (!name.isEmpty()) {
                        out.add(new Symbol(name, b.getLong(s + 8), b.getLong(s + 16), code, (info >> 4) != 0));
                    }
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(elf + " has a truncated section or symbol table");
        }
        if (!found) {
            throw new IOException(elf + " has no symbol table (stripped?)");
        }
        return new ElfSymbols(out);
    }

    private static String cString(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** The symbol named {@code name}; a global one wins over file-static ones of the same name. */
    public Optional<Symbol> find(String name) {
        Symbol best = null;
        for (Symbol s : byAddress) {
            if (s.name().equals(name) && (best == null || s.global() && !best.global())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** How many symbols are named {@code name} (file-statics of several files may share one). */
    public long count(String name) {
        return byAddress.stream().filter(s -> s.name().equals(name)).count();
    }

    /** {@code address} as {@code symbol} or {@code symbol+0xN} within the symbol containing it, or null. */
    public String symbolize(long address) {
        Symbol hit = null;
        for (Symbol s : byAddress) {
            if (Long.compareUnsigned(s.address(), address) > 0) {
                break;
            }
            if (address - s.address() < Math.max(1, s.size())) {
                hit = s;
            }
        }
        if (hit == null) {
            return null;
        }
        long off = address - hit.address();
        return off == 0 ? hit.name() : hit.name() + "+0x" + Long.toHexString(off);
    }
}
