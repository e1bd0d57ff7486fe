package org.ruedo.ui.internal.debug.disassembly;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.ruedo.debug.mi.MIInstruction;

/**
 * What the Disassembly view shows, one row per text line (CDT's disassembly document, without its
 * positions machinery): instruction rows in address order, each optionally preceded by the source lines
 * gdb lists before it. Rows are rebuilt from the instruction list whenever instructions are added at
 * either end or a column is toggled; the instruction list itself is always contiguous (the service
 * guarantees it), so adding at the ends never leaves a gap or a duplicate.
 */
final class DisassemblyDocument {
    /** One text line: an instruction, or a source line before one ({@code insn} is the one it precedes). */
    record Row(MIInstruction insn, boolean source, String text) {
    }

    private final List<MIInstruction> insns = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private boolean showBytes = true;
    private boolean showSource = true;
    private final BiFunction<String, Integer, String> sourceText;

    /** {@code sourceText} gives the text of line N of a file (empty when unknown). */
    DisassemblyDocument(BiFunction<String, Integer, String> sourceText) {
        this.sourceText = sourceText;
    }

    void set(List<MIInstruction> list) {
        insns.clear();
        insns.addAll(list);
        rebuild();
    }

    /** Adds instructions that end where the first one starts; returns the number of rows added on top. */
    int prepend(List<MIInstruction> list) {
        if (list.isEmpty() || insns.isEmpty() || list.get(list.size() - 1).end() != insns.get(0).address()) {
            return 0;
        }
        int before = rows.size();
        insns.addAll(0, list);
        rebuild();
        return rows.size() - before;
    }

    /** Adds instructions that start where the last one ends. */
    void append(List<MIInstruction> list) {
        if (list.isEmpty() || insns.isEmpty() || list.get(0).address() != insns.get(insns.size() - 1).end()) {
            return;
        }
        insns.addAll(list);
        rebuild();
    }

    List<MIInstruction> instructions() {
        return insns;
    }

    List<Row> rows() {
        return rows;
    }

    boolean contains(long address) {
        return !insns.isEmpty() && address >= insns.get(0).address() && address < insns.get(insns.size() - 1).end()
                && insns.stream().anyMatch(i -> i.address() == address);
    }

    /** The row of the instruction at {@code address}, or -1. */
    int rowOf(long address) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (!r.source() && r.insn().address() == address) {
                return i;
            }
        }
        return -1;
    }

    void setShowBytes(boolean on) {
        showBytes = on;
        rebuild();
    }

    void setShowSource(boolean on) {
        showSource = on;
        rebuild();
    }

    boolean showBytes() {
        return showBytes;
    }

    boolean showSource() {
        return showSource;
    }

    /** All rows as the text widget's content. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(r.text());
        }
        return sb.toString();
    }

    private void rebuild() {
        rows.clear();
        int symWidth = 0;
        for (MIInstruction i : insns) {
            symWidth = Math.max(symWidth, symbol(i).length());
        }
        for (MIInstruction i : insns) {
            if (showSource && i.file() != null) {
                String name = i.file().substring(i.file().lastIndexOf('/') + 1);
                for (int line : i.sourceLines()) {
                    rows.add(new Row(i, true, String.format("%s:%d  %s", name, line, sourceText.apply(i.file(), line).stripTrailing())));
                }
            }
            rows.add(new Row(i, false, format(i, symWidth)));
        }
    }

    private static String symbol(MIInstruction i) {
        return i.function() == null ? "" : "<" + i.symbolic() + ">";
    }

    /** {@code 0x00000000001041d2 <player+0>  55                    push   %rbp}. */
    private String format(MIInstruction i, int symWidth) {
        StringBuilder sb = new StringBuilder(String.format("    0x%016x  %-" + Math.max(symWidth, 1) + "s  ", i.address(), symbol(i)));
        if (showBytes) {
            sb.append(String.format("%-24s ", i.opcodes() == null ? "" : i.opcodes()));
        }
        String ops = i.operands();
        sb.append(String.format("%-7s %s", i.mnemonic(), ops));
        return sb.toString().stripTrailing();
    }
}
