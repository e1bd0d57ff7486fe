package org.ruedo.launch.tests.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ruedo.launch.machine.ControlRegister;
import org.ruedo.launch.machine.Descriptors;
import org.ruedo.launch.machine.LapicState;
import org.ruedo.launch.machine.PageWalk;
import org.ruedo.launch.machine.RegisterDump;
import org.ruedo.launch.machine.WatchExpression;

/** The machine-state decoders on literal inputs (values as QEMU 7.2 printed them for the Ruedo kernel). */
class MachineDecodeTest {
    static final String DUMP = """

            CPU#1
            RAX=0000000022c21a62 RBX=0000000000130ef0 RCX=0000000022bfdfc0 RDX=00000000000fa2b0
            RSI=0000000000258588 RDI=0000000000000001 RBP=000000800000ffa0 RSP=000000800000ff80
            R8 =0000000000000008 R9 =0000000000000000 R10=0000000000000001 R11=0000000000000000
            R12=0000000000179f40 R13=000000000011e110 R14=0000000000000000 R15=0000000000000000
            RIP=00000000001031fb RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=0
            ES =0010 0000000000000000 ffffffff 00cf9300 DPL=0 DS   [-WA]
            CS =0008 0000000000000000 ffffffff 00af9a00 DPL=0 CS64 [-R-]
            GS =0000 000000000011e110 0000ffff 00009300 DPL=0 DS   [-WA]
            TR =0028 000000000011e158 00000067 00008900 DPL=0 TSS64-avl
            GDT=     0000000000106020 00000097
            IDT=     000000000011e5e0 00000fff
            CR0=e0000011 CR2=0000000000000000 CR3=0000000000107000 CR4=00000020
            DR6=00000000ffff0ff0 DR7=0000000000000400
            EFER=0000000000000500
            FPR0=0000000000000000 0000 FPR1=0000000000000000 0000
            XMM00=0000000000000000 0000000000000000 XMM01=0000000000000000 0000000000000000
            """;

    @Test
    void registerDumpReadsQemusText() {
        RegisterDump d = RegisterDump.parse(DUMP);
        assertEquals(0xe0000011L, d.get("CR0"));
        assertEquals(0x20L, d.get("CR4"));
        assertEquals(0x500L, d.get("EFER"));
        assertEquals(0x107000L, d.get("CR3"));
        assertEquals(0x8L, d.get("R8"));
        assertEquals(0x246L, d.get("RFL"));
        assertEquals(0x8L, d.get("CS"));
        assertEquals(0x11e110L, d.get("GS.base"));
        assertEquals(0x106020L, d.gdtBase());
        assertEquals(0x97, d.gdtLimit());
        assertEquals(0x11e5e0L, d.idtBase());
        assertEquals(0xfff, d.idtLimit());
        assertEquals("[---Z-P-]", d.flagsText());
        assertFalse(d.has("XMM00"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisterDump.parse("\ninfo: unknown command: 'regs'\n"));
        assertEquals("not a register dump from QEMU: info: unknown command: 'regs'", e.getMessage());
    }

    @Test
    void controlRegistersDecodeBitByBit() {
        assertEquals("PE ET NW CD PG", ControlRegister.CR0.setFlags(0xe0000011L));
        assertEquals("PAE", ControlRegister.CR4.setFlags(0x20));
        assertEquals("LME LMA", ControlRegister.EFER.setFlags(0x500));
        assertEquals("PF ZF IF", ControlRegister.RFLAGS.setFlags(0x246));
        List<ControlRegister.Decoded> cr0 = ControlRegister.CR0.decode(0x80010033L);
        assertEquals(11, cr0.size(), "CR0's eleven named bits, no reserved bit set");
        assertEquals("WP", cr0.get(6).field().name());
        assertTrue(cr0.get(6).set());
        ControlRegister.Decoded cr3 = ControlRegister.CR3.decode(0x107018L).get(2);
        assertEquals("PML4", cr3.field().name());
        assertEquals(0x107, cr3.value());
        List<ControlRegister.Decoded> weird = ControlRegister.EFER.decode(0x10500L);
        assertEquals("bit 16", weird.get(weird.size() - 1).field().name(), "a set reserved bit is shown, not dropped");
        ControlRegister.Decoded iopl = ControlRegister.RFLAGS.decode(0x3202).stream().filter(x -> x.field().name().equals("IOPL")).findFirst().orElseThrow();
        assertEquals(3, iopl.value());
    }

    @Test
    void gdtEntriesDecode() {
        long[] q = { 0, 0x00af9a000000ffffL, 0x00cf92000000ffffL, 0, 0, 0x00008911e1580067L, 0x0000000000000000L };
        List<Descriptors.Segment> g = Descriptors.gdt(q);
        assertEquals(6, g.size(), "the TSS's upper half is not an entry");
        assertEquals("null", g.get(0).kind());
        Descriptors.Segment cs = g.get(1);
        assertEquals(8, cs.selector());
        assertEquals("code", cs.kind());
        assertEquals("64-bit, readable", cs.attrs());
        assertEquals(0, cs.dpl());
        assertTrue(cs.present());
        Descriptors.Segment ds = g.get(2);
        assertEquals("data", ds.kind());
        assertEquals("writable", ds.attrs());
        assertEquals(0xffffffffL, ds.limit(), "4 KiB granularity");
        Descriptors.Segment tss = g.get(5);
        assertEquals(0x28, tss.selector());
        assertEquals("TSS", tss.kind());
        assertEquals("64-bit, available", tss.attrs());
        assertEquals(0x11e158L, tss.base());
        assertEquals(0x67L, tss.limit());
    }

    @Test
    void idtGatesDecodeWithHandlerSymbols() {
        // vector 0: interrupt gate, selector 8, handler 0x103a40, IST 0; vector 1: not present; vector 2: trap gate IST 2 DPL 3
        long[] q = { 0x00108e0000083a40L, 0, 0, 0, 0x0010ef0200081234L, 0x00000001L };
        List<Descriptors.Gate> idt = Descriptors.idt(q, a -> a == 0x103a40L ? "isr_stub_0" : null);
        assertEquals(3, idt.size());
        Descriptors.Gate g0 = idt.get(0);
        assertEquals("interrupt gate", g0.type());
        assertEquals(0x103a40L, g0.handler());
        assertEquals("isr_stub_0", g0.symbol());
        assertEquals(8, g0.selector());
        assertFalse(idt.get(1).present());
        Descriptors.Gate g2 = idt.get(2);
        assertEquals("trap gate", g2.type());
        assertEquals(3, g2.dpl());
        assertEquals(2, g2.ist());
        assertEquals(0x0000000100101234L, g2.handler());
    }

    @Test
    void pageWalkFollowsEveryLevelAndStopsAtTheFirstNotPresentEntry() throws Exception {
        Map<Long, Long> mem = new HashMap<>();
        mem.put(0x107000L + 1 * 8, 0x10a003L);            // PML4[1] -> PDPT 0x10a000, P RW
        mem.put(0x10a000L, 0x10b003L);                    // PDPT[0] -> PD
        mem.put(0x10b000L, 0x10c003L);                    // PD[0] -> PT
        mem.put(0x10c000L + 4 * 8, 0x200063L);            // PT[4] -> frame 0x200000, P RW A D
        mem.put(0x107000L, 0x108003L);                    // PML4[0] -> PDPT 0x108000
        mem.put(0x108000L, 0x109003L);                    // PDPT[0] -> PD 0x109000
        mem.put(0x109000L, 0x0000e3L);                    // PD[0]: 2 MiB page at 0, P RW A D PS
        mem.put(0x109000L + 8, 0x8000000000200081L);      // PD[1]: 2 MiB page at 0x200000, P PS NX, read-only
        PageWalk.PhysicalMemory m = pa -> mem.getOrDefault(pa, 0L);

        PageWalk.Result guard = PageWalk.walk(0x107000L, 0x8000000000L, m);
        assertFalse(guard.present());
        assertEquals(4, guard.levels().size());
        assertEquals("PTE", guard.levels().get(3).name());
        assertEquals("0x8000000000: not present (PTE 0 has P clear)", guard.summary());

        PageWalk.Result stack = PageWalk.walk(0x107000L, 0x8000004010L, m);
        assertTrue(stack.present());
        assertEquals(0x200010L, stack.physical());
        assertEquals("P RW A D", stack.levels().get(3).flags());

        PageWalk.Result text = PageWalk.walk(0x107000L, 0x103abcL, m);
        assertEquals(3, text.levels().size(), "a 2 MiB page ends the walk at the PDE");
        assertEquals(0x103abcL, text.physical());
        assertEquals(2L << 20, text.pageSize());
        assertTrue(text.writable());
        assertEquals("0x103abc: present, 2 MiB page, physical 0x103abc, writable, supervisor only, executable", text.summary());

        PageWalk.Result ro = PageWalk.walk(0x107000L, 0x200008L, m);
        assertFalse(ro.writable());
        assertTrue(ro.noExecute());
        assertEquals("P PS NX", ro.levels().get(2).flags());
        assertThrows(IllegalArgumentException.class, () -> PageWalk.walk(0x107000L, 0x0000800000000000L, m));
    }

    @Test
    void watchExpressionsSayWhatTheyReadAndRefuseStackAddresses() throws Exception {
        WatchExpression a = WatchExpression.resolve(" 0x1000+8:i16 ", null);
        assertEquals(0x1008L, a.address());
        assertEquals(2, a.size());
        assertEquals("i16", a.typeName());
        assertEquals(-1L, a.value(0xffffL));
        assertEquals("-1", a.format(-1));
        WatchExpression u = WatchExpression.resolve("0x2000:u32", null);
        assertEquals("4294967295 (0xffffffff)", u.format(u.value(0xffffffffL)));
        assertEquals("0x2a", WatchExpression.resolve("0x2000:x8", null).format(42));
        WatchExpression.Unwatchable stack = assertThrows(WatchExpression.Unwatchable.class,
                () -> WatchExpression.resolve("0x8000004010:u64", null));
        assertEquals("0x8000004010 is on a thread stack (the stack arena at 0x8000000000, not identity-mapped): live watch reads "
                + "physical memory at the global's address; suspend the guest and use the Variables or Expressions view", stack.getMessage());
        WatchExpression.Unwatchable nul = assertThrows(WatchExpression.Unwatchable.class, () -> WatchExpression.resolve("0x0:u8", null));
        assertTrue(nul.getMessage().contains("outside the kernel's identity map"), nul.getMessage());
        WatchExpression.Unwatchable bad = assertThrows(WatchExpression.Unwatchable.class, () -> WatchExpression.resolve("a->b", null));
        assertTrue(bad.getMessage().startsWith("'a->b': live watch reads globals"), bad.getMessage());
    }

    @Test
    void lapicTextDecodes() {
        String text = """
                dumping local APIC state for CPU 0\s

                LVT0\t 0x00010000 active-hi edge  masked                      Fixed  (vec 0)
                LVTT\t 0x000100f0 active-hi edge  masked         one-shot     Fixed  (vec 240)
                Timer\t DCR=0x3 (divide by 16) initial_count = 1000 current_count = 250
                SPIV\t 0x000001ff APIC enabled, focus=off, spurious vec 255
                ISR\t (none)
                IRR\t 48

                APR 0x00 TPR 0x00 DFR 0x0f LDR 0x00 PPR 0x00
                """;
        LapicState l = LapicState.parse(text);
        assertTrue(l.enabled());
        assertEquals("one-shot", l.timerMode());
        assertTrue(l.timerMasked());
        assertEquals(240, l.timerVector());
        assertEquals(1000, l.initialCount());
        assertEquals(250, l.currentCount());
        assertEquals("48", l.pending());
        assertEquals("enabled; timer one-shot vector 240 masked, count 250 of 1000; in service (none); pending 48", l.summary());
        assertThrows(IllegalArgumentException.class, () -> LapicState.parse("local apic state not available\n"));
    }
}
