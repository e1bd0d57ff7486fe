package org.ruedo.launch.machine;

import java.util.List;

import org.ruedo.launch.qmp.QmpClient;
import org.ruedo.launch.qmp.QmpException;
import org.ruedo.launch.qmp.commands.InfoLapic;
import org.ruedo.launch.qmp.commands.InfoRegisters;
import org.ruedo.launch.qmp.commands.MemoryRead;
import org.ruedo.launch.qmp.commands.QueryCpusFast;

/**
 * Reads a vCPU's machine state through QEMU's monitor, whether the guest runs or gdb holds it: the
 * registers ({@code info registers}), the GDT and IDT (read through that vCPU's page tables at the
 * bases its GDTR/IDTR hold), the local APIC ({@code info lapic}) and page walks (reading the tables at
 * its CR3 as physical memory). Nothing here stops the guest.
 */
public final class MachineReader {
    private final QmpClient qmp;
    private final ElfSymbols symbols;

    /** {@code symbols} names IDT handlers; may be null. */
    public MachineReader(QmpClient qmp, ElfSymbols symbols) {
        this.qmp = qmp;
        this.symbols = symbols;
    }

    /**
     * One vCPU's state.
     *
     * @param lapic      the local APIC, or null with {@code lapicError} saying why
     */
    public record Snapshot(int cpu, RegisterDump registers, List<Descriptors.Segment> gdt, List<Descriptors.Gate> idt,
            LapicState lapic, String lapicError) {
    }

    /** The vCPUs' cpu-index values. */
    public List<Integer> cpus() throws QmpException {
        return qmp.execute(new QueryCpusFast());
    }

    public RegisterDump registers(int cpu) throws QmpException {
        String text = qmp.execute(new InfoRegisters(cpu));
        try {
            return RegisterDump.parse(text);
        } catch (IllegalArgumentException e) {
            throw new QmpException(e.getMessage());
        }
    }

    /** Registers, GDT, IDT and LAPIC of vCPU {@code cpu}. */
    public Snapshot snapshot(int cpu) throws QmpException {
        RegisterDump r = registers(cpu);
        List<Descriptors.Segment> gdt = Descriptors.gdt(table(cpu, r.gdtBase(), r.gdtLimit()));
        List<Descriptors.Gate> idt = Descriptors.idt(table(cpu, r.idtBase(), r.idtLimit()),
                symbols == null ? null : symbols::symbolize);
        LapicState lapic = null;
        String why = null;
        try {
            lapic = LapicState.parse(qmp.execute(new InfoLapic(cpu)));
        } catch (IllegalArgumentException | QmpException e) {
            why = e.getMessage();
        }
        return new Snapshot(cpu, r, gdt, idt, lapic, why);
    }

    private long[] table(int cpu, long base, int limit) throws QmpException {
        int quads = (limit + 1) / 8;
        if (quads == 0) {
            return new long[0];
        }
        return qmp.execute(MemoryRead.virtual(base, Math.min(quads, 4096), 8, cpu));
    }

    /**
     * The address of a symbol of the image.
     *
     * @throws IllegalArgumentException when there is no such symbol (or no symbols)
     */
    public long symbolAddress(String name) {
        if (symbols == null) {
            throw new IllegalArgumentException("the image's symbols could not be read; give a hex address");
        }
        return symbols.find(name).orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a symbol of the image")).address();
    }

    /** Walks {@code virtual} through vCPU {@code cpu}'s page tables (its current CR3). */
    public PageWalk.Result walk(int cpu, long virtual) throws QmpException {
        long cr3 = registers(cpu).get("CR3");
        try {
            return PageWalk.walk(cr3, virtual, pa -> qmp.execute(MemoryRead.physical(pa, 1, 8))[0]);
        } catch (QmpException | IllegalArgumentException e) {
            throw e instanceof QmpException q ? q : new QmpException(e.getMessage());
        } catch (Exception e) {
            throw new QmpException(e.toString());
        }
    }
}
