package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ruedo.debug.mi.MIInstruction;
import org.ruedo.debug.mi.MIParser;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.commands.BreakWatch;
import org.ruedo.debug.mi.commands.DataDisassemble;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.mi.events.StoppedEvent;

/** Issue 13's MI records, from lines gdb 13 printed (see the commands' Javadoc). */
class InstructionRecordsTest {
    @Test
    void disassemblyWithSourceLinesAndWithout() {
        MIRecord.Result r = (MIRecord.Result) MIParser.parse("7^done,asm_insns=["
                + "src_and_asm_line={line=\"13\",file=\"m.c\",fullname=\"/p/m.c\",line_asm_insn=[{address=\"0x0000000000104258\",func-name=\"hello_from\",offset=\"48\",opcodes=\"c3\",inst=\"ret\"}]},"
                + "src_and_asm_line={line=\"14\",file=\"m.c\",fullname=\"/p/m.c\",line_asm_insn=[]},"
                + "src_and_asm_line={line=\"15\",file=\"m.c\",fullname=\"/p/m.c\",line_asm_insn=[{address=\"0x0000000000104259\",func-name=\"main\",offset=\"0\",opcodes=\"55\",inst=\"push   %rbp\"},"
                + "{address=\"0x000000000010425a\",func-name=\"main\",offset=\"1\",opcodes=\"48 89 e5\",inst=\"mov    %rsp,%rbp\"}]},"
                + "{address=\"0x0000000000008000\",opcodes=\"fa\",inst=\"cli\"}]");
        List<MIInstruction> l = DataDisassemble.range(0, 1).result(r);
        assertEquals(4, l.size());
        assertEquals(List.of(13), l.get(0).sourceLines());
        assertEquals(List.of(14, 15), l.get(1).sourceLines(), "the empty line entry goes with the next instruction");
        assertEquals(List.of(), l.get(2).sourceLines(), "same line: no source row again");
        assertEquals(3, l.get(2).length());
        assertEquals(0x10425dL, l.get(2).end());
        assertEquals("mov", l.get(2).mnemonic());
        assertEquals("%rsp,%rbp", l.get(2).operands());
        assertEquals("main+1", l.get(2).symbolic());
        assertEquals("main", l.get(1).symbolic());
        assertNull(l.get(3).function(), "no symbol");
        assertNull(l.get(3).file());
        assertEquals("0x8000", l.get(3).symbolic());
        assertEquals("-data-disassemble -s 0x104259 -e 0x10426d -- 5", DataDisassemble.range(0x104259, 0x10426d).toString());
        assertEquals("-data-disassemble -a 0x1008fe -- 5", DataDisassemble.function(0x1008fe).toString());
    }

    @Test
    void watchCommandsAndStops() {
        assertEquals("-break-watch \"rallies\"", new BreakWatch(BreakWatch.Kind.WRITE, "rallies").toString());
        assertEquals("-break-watch -r \"t->state\"", new BreakWatch(BreakWatch.Kind.READ, "t->state").toString());
        assertEquals("-break-watch -a \"*(long *)0x11dfc0\"", new BreakWatch(BreakWatch.Kind.ACCESS, "*(long *)0x11dfc0").toString());
        assertEquals("hw-rwpt", new BreakWatch(BreakWatch.Kind.READ, "b").result(
                (MIRecord.Result) MIParser.parse("3^done,hw-rwpt={number=\"3\",exp=\"ball\"}")).type());

        StoppedEvent w = StoppedEvent.from((MIRecord.Async) MIParser.parse("*stopped,reason=\"watchpoint-trigger\",wpt={number=\"2\",exp=\"rallies\"},"
                + "value={old=\"0\",new=\"1\"},frame={addr=\"0x0000000000104226\",func=\"player\",line=\"25\"},thread-id=\"2\",stopped-threads=\"all\""));
        assertEquals(new StopReason.WatchpointTrigger(2, "rallies", "0", "1", "write"), w.reason());
        StoppedEvent rd = StoppedEvent.from((MIRecord.Async) MIParser.parse("*stopped,reason=\"read-watchpoint-trigger\",hw-rwpt={number=\"3\",exp=\"ball\"},"
                + "value={value=\"0\"},frame={addr=\"0x1041ee\"},thread-id=\"2\""));
        assertEquals(new StopReason.WatchpointTrigger(3, "ball", null, "0", "read"), rd.reason());
        StoppedEvent ac = StoppedEvent.from((MIRecord.Async) MIParser.parse("*stopped,hw-awpt={number=\"4\",exp=\"rallies\"},reason=\"access-watchpoint-trigger\","
                + "value={new=\"1\"},frame={addr=\"0x10421d\"},thread-id=\"2\""));
        assertEquals(new StopReason.WatchpointTrigger(4, "rallies", null, "1", "access"), ac.reason());
        StoppedEvent sc = StoppedEvent.from((MIRecord.Async) MIParser.parse("*stopped,reason=\"watchpoint-scope\",wpnum=\"5\",frame={addr=\"0x100f00\",func=\"kmain\"},thread-id=\"1\""));
        assertEquals(5, assertInstanceOf(StopReason.WatchpointScope.class, sc.reason()).number());
        assertEquals(5, sc.breakpoint());
    }
}
