package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.MemoryByte;
import org.junit.jupiter.api.Test;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.model.RuedoStackFrame;
import org.ruedo.debug.model.RuedoThread;

/** Registers (Registers view) and guest memory (Memory view) with real gdb and QEMU. */
class RegisterMemoryTest extends DebugTestBase {
    @Test
    void registersByGroupReadAndWritten() throws Exception {
        RuedoDebugTarget t = debug(1);
        RuedoStackFrame s = top(t);
        IRegisterGroup[] groups = s.getRegisterGroups();
        assertEquals(List.of("General Purpose", "Segment", "Control", "Floating Point / Vector"),
                Arrays.stream(groups).map(g -> {
                    try {
                        return g.getName();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList());
        IRegister rip = (IRegister) variable(groups[0].getRegisters(), "rip");
        assertEquals(Long.decode(s.frame().addr()), Long.decode(rip.getValue().getValueString()));
        IRegister cr0 = (IRegister) variable(groups[2].getRegisters(), "cr0");
        assertEquals(0x80000001L, Long.decode(cr0.getValue().getValueString()) & 0x80000001L, "paging and protected mode on");
        IRegister r11 = (IRegister) variable(groups[0].getRegisters(), "r11");   // caller-saved scratch: safe to change here
        r11.setValue("0x1234 + 1");
        assertEquals("0x1235", r11.getValue().getValueString());
        assertEquals("4661", t.evaluate(1, 0, "$r11"));
    }

    /** Memory by address and by expression (Memory view monitors): the multiboot header, then a write to a local. */
    @Test
    void memoryByAddressAndExpression() throws Exception {
        RuedoDebugTarget t = debug(1);
        RuedoThread thread = stoppedThread(t);
        byte[] mb = t.getMemoryBlock(0x100000, 4).getBytes();
        assertEquals("02 b0 ad 1b", hex(mb), "Multiboot magic 0x1badb002 at 1 MiB");

        IMemoryBlockExtension block = t.getExtendedMemoryBlock("0x100000", thread.getTopStackFrame());
        assertEquals(0x100000L, block.getBigBaseAddress().longValue());
        MemoryByte[] bytes = block.getBytesFromOffset(BigInteger.ZERO, 4);
        assertEquals(0x02, bytes[0].getValue() & 0xff);
        assertTrue(bytes[0].isReadable());
        IMemoryBlockExtension cpus = t.getExtendedMemoryBlock("&cpus", thread.getTopStackFrame());
        assertEquals(Long.decode(t.evaluate(thread.id(), 0, "(unsigned long)&cpus")), cpus.getBigBaseAddress().longValue());
        cpus.setValue(BigInteger.ZERO, new byte[] { 7, 0, 0, 0 });
        assertEquals("7", t.evaluate(thread.id(), 0, "cpus"));
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.length() > 0 ? " " : "").append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }
}
