package org.ruedo.debug.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.commands.DataListRegisterValues;

/** Registers of a frame, grouped: general purpose, segment, control/system, vector and others. */
public class RuedoRegisterGroup extends DebugElementBase implements IRegisterGroup {
    private static final Set<String> GENERAL = Set.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
            "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags");
    private static final Set<String> SEGMENT = Set.of("cs", "ss", "ds", "es", "fs", "gs", "fs_base", "gs_base", "k_gs_base");
    private static final Set<String> CONTROL = Set.of("cr0", "cr2", "cr3", "cr4", "cr8", "efer");

    private final String name;
    private final IRegister[] registers;

    RuedoRegisterGroup(RuedoStackFrame frame, String name, List<RuedoRegister> regs) {
        super(frame.getDebugTarget());
        this.name = name;
        this.registers = regs.toArray(IRegister[]::new);
    }

    static IRegisterGroup[] groups(RuedoStackFrame frame) throws DebugException {
        List<String> names = frame.target().registerNames();
        Map<Integer, String> values;
        try {
            values = frame.target().mi().execute(new DataListRegisterValues(frame.threadId(), frame.level()));
        } catch (MIException e) {
            throw fail(e);
        }
        Map<String, List<RuedoRegister>> byGroup = new LinkedHashMap<>();
        for (String g : List.of("General Purpose", "Segment", "Control", "Floating Point / Vector")) {
            byGroup.put(g, new ArrayList<>());
        }
        for (var e : values.entrySet()) {
            int n = e.getKey();
            if (n < 0 || n >= names.size() || names.get(n).isEmpty()) {
                continue;
            }
            String rn = names.get(n);
            String g = GENERAL.contains(rn) ? "General Purpose" : SEGMENT.contains(rn) ? "Segment"
                    : CONTROL.contains(rn) ? "Control" : "Floating Point / Vector";
            byGroup.get(g).add(new RuedoRegister(frame, rn, e.getValue()));
        }
        List<IRegisterGroup> out = new ArrayList<>();
        for (var e : byGroup.entrySet()) {
            if (!e.getValue().isEmpty()) {
                RuedoRegisterGroup grp = new RuedoRegisterGroup(frame, e.getKey(), e.getValue());
                e.getValue().forEach(r -> r.group = grp);
                out.add(grp);
            }
        }
        return out.toArray(IRegisterGroup[]::new);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IRegister[] getRegisters() {
        return registers;
    }

    @Override
    public boolean hasRegisters() {
        return registers.length > 0;
    }
}
