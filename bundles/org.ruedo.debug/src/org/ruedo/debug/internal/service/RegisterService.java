package org.ruedo.debug.internal.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.DataEvaluateExpression;
import org.ruedo.debug.mi.commands.DataListRegisterNames;
import org.ruedo.debug.mi.commands.DataListRegisterValues;

/**
 * Registers (DSF-GDB's IRegisters): gdb's register names (asked once), a frame's values in hex, grouped
 * the x86-64 way (general purpose, segment, control/system, floating point and vector), and writes.
 */
public final class RegisterService extends MIService {
    /** One register's value. */
    public record Register(String name, String value) {
    }

    public static final String GENERAL = "General Purpose";
    public static final String SEGMENT = "Segment";
    public static final String CONTROL = "Control";
    public static final String VECTOR = "Floating Point / Vector";
    private static final Set<String> GENERAL_NAMES = Set.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8",
            "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags");
    private static final Set<String> SEGMENT_NAMES = Set.of("cs", "ss", "ds", "es", "fs", "gs", "fs_base", "gs_base",
            "k_gs_base");
    private static final Set<String> CONTROL_NAMES = Set.of("cr0", "cr2", "cr3", "cr4", "cr8", "efer");

    private List<String> names;

    public RegisterService(MISession mi) {
        super(mi);
    }

    /** The group of a register name. */
    public static String groupOf(String name) {
        return GENERAL_NAMES.contains(name) ? GENERAL : SEGMENT_NAMES.contains(name) ? SEGMENT
                : CONTROL_NAMES.contains(name) ? CONTROL : VECTOR;
    }

    /** gdb's register names, by register number (gaps are empty names). */
    public synchronized List<String> names() throws DebugException {
        if (names == null) {
            names = execute(new DataListRegisterNames());
        }
        return names;
    }

    /** A frame's registers by group, in group order; empty groups are left out. */
    public Map<String, List<Register>> groups(int thread, int level) throws DebugException {
        List<String> n = names();
        Map<Integer, String> values = execute(new DataListRegisterValues(thread, level));
        Map<String, List<Register>> byGroup = new LinkedHashMap<>();
        for (String g : List.of(GENERAL, SEGMENT, CONTROL, VECTOR)) {
            byGroup.put(g, new ArrayList<>());
        }
        for (var e : values.entrySet()) {
            int i = e.getKey();
            if (i >= 0 && i < n.size() && !n.get(i).isEmpty()) {
                byGroup.get(groupOf(n.get(i))).add(new Register(n.get(i), e.getValue()));
            }
        }
        byGroup.values().removeIf(List::isEmpty);
        return byGroup;
    }

    /** Writes a register ({@code $name = (expression)} in the frame); returns its new value in hex. */
    public String write(int thread, int level, String name, String expression) throws DebugException {
        String now = execute(new DataEvaluateExpression(thread, level, "$" + name + " = (" + expression + ")"));
        try {
            return "0x" + Long.toHexString(Long.parseLong(now.strip()));
        } catch (NumberFormatException e) {
            return now;
        }
    }

}
