package org.ruedo.debug.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.ruedo.debug.internal.service.RegisterService;

/** Registers of a frame, grouped ({@link RegisterService}): general purpose, segment, control, vector. */
public class RuedoRegisterGroup extends DebugElementBase implements IRegisterGroup {

    private final String name;
    private final IRegister[] registers;

    RuedoRegisterGroup(RuedoStackFrame frame, String name, List<RuedoRegister> regs) {
        super(frame.getDebugTarget());
        this.name = name;
        this.registers = regs.toArray(IRegister[]::new);
    }

    static IRegisterGroup[] groups(RuedoStackFrame frame) throws DebugException {
        List<IRegisterGroup> out = new ArrayList<>();
        for (Map.Entry<String, List<RegisterService.Register>> e : frame.session().registers()
                .groups(frame.threadId(), frame.level()).entrySet()) {
            List<RuedoRegister> regs = e.getValue().stream().map(r -> new RuedoRegister(frame, r.name(), r.value())).toList();
            RuedoRegisterGroup grp = new RuedoRegisterGroup(frame, e.getKey(), regs);
            regs.forEach(r -> r.group = grp);
            out.add(grp);
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
