package org.ruedo.debug.breakpoints;

import java.util.List;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.Breakpoint;
import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MICommand;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.DataDisassemble;
import org.ruedo.debug.mi.commands.DataEvaluateExpression;

/**
 * A breakpoint on one instruction ({@code -break-insert *0x1008fe}), set from the Disassembly view or
 * Run &gt; Add Address Breakpoint. It is kept as symbol+offset ({@code switch_context+2}) as well as the
 * address: at every install the address is worked out again from the symbol in the loaded image, so a
 * rebuilt image that moved the function keeps the breakpoint on the same instruction; when the symbol
 * is gone, or symbol+offset is no longer the start of an instruction, the breakpoint is marked stale
 * and not set (never at a wrong address). An address no symbol covers (the AP trampoline at 0x8000) is
 * kept as the address alone.
 */
public class RuedoAddressBreakpoint extends Breakpoint implements GdbBreakpoint {
    /** Marker type. */
    public static final String MARKER = "org.ruedo.debug.addressBreakpoint.marker";
    /** Marker attribute: the address, {@code 0x...}. */
    public static final String ADDRESS = "org.ruedo.debug.address";
    /** Marker attribute: the symbol the address was in, or empty. */
    public static final String SYMBOL = "org.ruedo.debug.symbol";
    /** Marker attribute: the offset from the symbol. */
    public static final String OFFSET = "org.ruedo.debug.offset";
    /** Marker attribute: why the breakpoint could not be placed in the current image, or empty. */
    public static final String STALE = "org.ruedo.debug.stale";

    /** For the breakpoint manager's restore from markers. */
    public RuedoAddressBreakpoint() {
    }

    /** A new enabled breakpoint at {@code address}, in {@code symbol} (may be null) at {@code offset}. */
    public RuedoAddressBreakpoint(IResource resource, long address, String symbol, int offset) throws CoreException {
        IWorkspaceRunnable r = monitor -> {
            IMarker m = resource.createMarker(MARKER);
            setMarker(m);
            m.setAttribute(IBreakpoint.ENABLED, true);
            m.setAttribute(IBreakpoint.ID, RuedoLineBreakpoint.MODEL_ID);
            m.setAttribute(ADDRESS, hex(address));
            m.setAttribute(SYMBOL, symbol == null ? "" : symbol);
            m.setAttribute(OFFSET, symbol == null ? 0 : offset);
            m.setAttribute(STALE, "");
            m.setAttribute(IMarker.MESSAGE, label(address, symbol, offset));
        };
        run(getMarkerRule(resource), r);
    }

    private static String hex(long a) {
        return String.format("0x%x", a);
    }

    private static String label(long address, String symbol, int offset) {
        String s = symbol == null || symbol.isEmpty() ? "" : " <" + symbol + (offset == 0 ? "" : "+" + offset) + ">";
        return "Address breakpoint: " + hex(address) + s;
    }

    @Override
    public String getModelIdentifier() {
        return RuedoLineBreakpoint.MODEL_ID;
    }

    /** The address it was last placed at (or created with). */
    public long address() {
        return MIInstruction.parseAddress(getMarker().getAttribute(ADDRESS, "0"));
    }

    /** The symbol, or empty for a bare address. */
    public String symbol() {
        return getMarker().getAttribute(SYMBOL, "");
    }

    public int offset() {
        return getMarker().getAttribute(OFFSET, 0);
    }

    /** Why it is not set in the current image, or empty. */
    public String stale() {
        return getMarker().getAttribute(STALE, "");
    }

    @Override
    public String gdbLocation() {
        return "*" + hex(address());
    }

    @Override
    public MICommand<MIBreakpoint> insertCommand() {
        return new BreakInsert(gdbLocation(), false, false, condition());
    }

    /** Works the address out again from symbol+offset in the image gdb loaded (see the class comment). */
    @Override
    public void prepare(MISession mi) throws MIException {
        String sym = symbol();
        if (sym.isEmpty()) {
            return;
        }
        long base;
        try {
            base = MIInstruction.parseAddress(mi.execute(new DataEvaluateExpression(1, 0, "(unsigned long)&" + sym)));
        } catch (MIException | NumberFormatException e) {
            throw stale(sym + " is no longer in the image");
        }
        long addr = base + offset();
        List<MIInstruction> insns;
        try {
            insns = mi.execute(DataDisassemble.range(base, addr + 1));
        } catch (MIException e) {
            throw stale("cannot read the code at " + hex(addr) + ": " + e.getMessage());
        }
        if (insns.stream().noneMatch(i -> i.address() == addr)) {
            throw stale(sym + "+" + offset() + " is no longer the start of an instruction");
        }
        try {
            setAttributes(new String[] { ADDRESS, STALE, IMarker.MESSAGE },
                    new Object[] { hex(addr), "", label(addr, sym, offset()) });
        } catch (CoreException e) {
            throw new MIException(e.getMessage(), e);
        }
    }

    private MIException stale(String why) {
        String msg = "address breakpoint " + symbol() + "+" + offset() + " is stale: " + why;
        try {
            setAttributes(new String[] { STALE, IMarker.MESSAGE },
                    new Object[] { why, label(address(), symbol(), offset()) + " [stale: " + why + "]" });
        } catch (CoreException e) {
            // the marker is gone: nothing to show it on
        }
        return new MIException(msg);
    }

    @Override
    public String condition() {
        return getMarker().getAttribute(RuedoLineBreakpoint.CONDITION, "");
    }

    @Override
    public void setCondition(String condition) throws CoreException {
        setAttribute(RuedoLineBreakpoint.CONDITION, condition == null ? "" : condition);
    }
}
