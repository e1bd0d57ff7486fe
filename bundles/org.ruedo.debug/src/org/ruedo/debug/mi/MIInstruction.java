package org.ruedo.debug.mi;

import java.util.ArrayList;
import java.util.List;

/**
 * One machine instruction of {@code -data-disassemble} mode 5 ({@code /rs}: raw opcodes, source lines in
 * address order): {@code {address="0x..",func-name="main",offset="4",opcodes="41 57",inst="push   %r15"}}
 * inside a {@code src_and_asm_line={line="31",file=..,fullname=..,line_asm_insn=[..]}} when the address has
 * line information, bare otherwise. {@code function} is null (and {@code offset} -1) for an address no
 * symbol covers; {@code file}/{@code line} are null/0 without line information. {@code sourceLines} are the
 * source lines gdb lists right before this instruction (the lines of empty {@code src_and_asm_line}
 * entries since the previous instruction, then this instruction's own line when it starts its entry).
 */
public record MIInstruction(long address, String function, int offset, String opcodes, String text, String file,
        int line, List<Integer> sourceLines) {

    /** Its length in bytes (from the opcode bytes). */
    public int length() {
        return opcodes == null || opcodes.isBlank() ? 0 : opcodes.trim().split("\\s+").length;
    }

    /** The address just after it. */
    public long end() {
        return address + length();
    }

    /** The mnemonic (with prefixes such as {@code rep}, {@code lock}). */
    public String mnemonic() {
        String[] parts = text.trim().split("\\s{2,}", 2);
        return parts[0].trim();
    }

    /** The operands, or empty. */
    public String operands() {
        String[] parts = text.trim().split("\\s{2,}", 2);
        return parts.length > 1 ? parts[1].trim() : "";
    }

    /** {@code main+4}, or the address in hex when no symbol covers it. */
    public String symbolic() {
        return function == null ? String.format("0x%x", address) : offset == 0 ? function : function + "+" + offset;
    }

    /** The instructions of an {@code asm_insns=[...]} list, in gdb's (address) order. */
    public static List<MIInstruction> listOf(MIValue.ListValue asm) {
        List<MIInstruction> out = new ArrayList<>();
        List<Integer> pendingLines = new ArrayList<>();
        String pendingFile = null;
        for (MIValue v : asm.values()) {
            if (!(v instanceof MIValue.Tuple t)) {
                continue;
            }
            if (t.get("line_asm_insn") instanceof MIValue.ListValue insns) {
                String file = t.str("fullname") != null ? t.str("fullname") : t.str("file");
                int line = t.integer("line", 0);
                if (!file.equals(pendingFile)) {
                    pendingLines.clear();
                    pendingFile = file;
                }
                pendingLines.add(line);
                for (MIValue.Tuple i : insns.tuples()) {
                    out.add(of(i, file, line, List.copyOf(pendingLines)));
                    pendingLines.clear();
                }
            } else {
                pendingLines.clear();
                pendingFile = null;
                out.add(of(t, null, 0, List.of()));
            }
        }
        return out;
    }

    private static MIInstruction of(MIValue.Tuple t, String file, int line, List<Integer> lines) {
        return new MIInstruction(parseAddress(t.str("address")), t.str("func-name"), t.integer("offset", -1),
                t.str("opcodes"), t.str("inst") == null ? "" : t.str("inst"), file, line, lines);
    }

    /** {@code 0x00000000001008fc} (or decimal) as a number. */
    public static long parseAddress(String s) {
        String a = s.trim();
        int sp = a.indexOf(' ');
        if (sp > 0) {
            a = a.substring(0, sp);          // "0x1008fc <switch_context>"
        }
        return a.startsWith("0x") || a.startsWith("0X") ? Long.parseUnsignedLong(a.substring(2), 16) : Long.parseLong(a);
    }
}
