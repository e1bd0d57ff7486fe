package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MIParser;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MIValue;
import org.ruedo.debug.mi.events.StoppedEvent;

/** Every record kind of the MI grammar, escapes, nesting, and garbage (lines from real gdb 13 transcripts). */
class MIParserTest {
    @Test
    void resultRecordsWithAndWithoutToken() {
        MIRecord.Result r = assertInstanceOf(MIRecord.Result.class, MIParser.parse("101^done"));
        assertEquals(101, r.token());
        assertEquals("done", r.resultClass());
        assertEquals(0, r.results().fields().size());
        assertEquals("connected", ((MIRecord.Result) MIParser.parse("103^connected")).resultClass());
        assertEquals("running", ((MIRecord.Result) MIParser.parse("105^running")).resultClass());
        assertEquals("exit", ((MIRecord.Result) MIParser.parse("^exit")).resultClass());
        assertNull(((MIRecord.Result) MIParser.parse("^exit")).token());
        MIRecord.Result e = (MIRecord.Result) MIParser.parse("7^error,msg=\"No symbol \\\"nope\\\" in current context.\"");
        assertTrue(e.isError());
        assertEquals("No symbol \"nope\" in current context.", e.errorMessage());
    }

    @Test
    void execStatusAndNotifyAsync() {
        MIRecord.Async s = (MIRecord.Async) MIParser.parse(
                "*stopped,reason=\"breakpoint-hit\",disp=\"keep\",bkptno=\"1\",frame={addr=\"0xffffffff80105368\",func=\"kmain\","
                        + "args=[{name=\"magic\",value=\"862897528\"},{name=\"info\",value=\"8672\"}],file=\"kmain.c\","
                        + "fullname=\"/path/to/src/kmain.c\",line=\"111\",arch=\"i386:x86-64\"},thread-id=\"1\",stopped-threads=\"all\"");
        assertEquals(MIRecord.AsyncKind.EXEC, s.kind());
        assertEquals("stopped", s.asyncClass());
        StoppedEvent ev = StoppedEvent.from(s);
        assertEquals(new org.ruedo.debug.mi.events.StopReason.BreakpointHit(1), ev.reason());
        assertEquals(1, ev.threadId());
        assertEquals(1, ev.breakpoint());
        assertEquals(new MIFrame(0, "0xffffffff80105368", "kmain", "kmain.c", "/path/to/src/kmain.c", 111), ev.frame());
        List<MIValue.Tuple> args = s.results().tuple("frame").list("args").tuples();
        assertEquals("8672", args.get(1).str("value"));

        assertEquals(MIRecord.AsyncKind.STATUS, ((MIRecord.Async) MIParser.parse("+download,section=\".text\"")).kind());
        MIRecord.Async n = (MIRecord.Async) MIParser.parse("=thread-created,id=\"2\",group-id=\"i1\"");
        assertEquals(MIRecord.AsyncKind.NOTIFY, n.kind());
        assertEquals(2, n.results().integer("id", -1));
        assertEquals("all", ((MIRecord.Async) MIParser.parse("*running,thread-id=\"all\"")).results().str("thread-id"));
        assertEquals(42, ((MIRecord.Async) MIParser.parse("42*running,thread-id=\"all\"")).token());
    }

    @Test
    void streamRecordsAndEscapes() {
        MIRecord.Stream c = (MIRecord.Stream) MIParser.parse("~\"111\\t    serial_init();\\n\"");
        assertEquals(MIRecord.StreamKind.CONSOLE, c.kind());
        assertEquals("111\t    serial_init();\n", c.text());
        assertEquals(MIRecord.StreamKind.TARGET, ((MIRecord.Stream) MIParser.parse("@\"out\"")).kind());
        MIRecord.Stream log = (MIRecord.Stream) MIParser.parse("&\"warning: \\\"quoted\\\" \\\\ back\\r\\n\"");
        assertEquals(MIRecord.StreamKind.LOG, log.kind());
        assertEquals("warning: \"quoted\" \\ back\r\n", log.text());
        // octal escapes are bytes of UTF-8 text; gdb prints chars like '\000' as \\000 inside values
        assertEquals("ñ", ((MIRecord.Stream) MIParser.parse("~\"\\303\\261\"")).text());
        assertEquals("0 '\\000'", ((MIRecord.Result) MIParser.parse("1^done,value=\"0 '\\\\000'\"")).results().str("value"));
        assertEquals("\u001b[1m", ((MIRecord.Stream) MIParser.parse("~\"\\e[1m\"")).text());
    }

    @Test
    void nestedTuplesAndListsOfResultsAndValues() {
        MIRecord.Result r = (MIRecord.Result) MIParser.parse(
                "30^done,stack=[frame={level=\"0\",func=\"vprintk\",line=\"34\"},frame={level=\"1\",func=\"printk\",line=\"45\"}],"
                        + "empty={},none=[],strs=[\"a\",\"b\"],deep={a={b=[{c=\"d\"}]}}");
        List<MIValue.Tuple> frames = r.results().list("stack").tuples();
        assertEquals(2, frames.size());
        assertEquals("printk", frames.get(1).str("func"));
        assertEquals("frame", r.results().list("stack").names().get(0));
        assertEquals(0, r.results().tuple("empty").fields().size());
        assertEquals(0, r.results().list("none").values().size());
        assertEquals(List.of("a", "b"), r.results().list("strs").strings());
        assertEquals("d", r.results().tuple("deep").tuple("a").list("b").tuples().get(0).str("c"));
    }

    @Test
    void promptAndGarbage() {
        assertInstanceOf(MIRecord.Prompt.class, MIParser.parse("(gdb) "));
        assertInstanceOf(MIRecord.Prompt.class, MIParser.parse("(gdb)"));
        for (String bad : new String[] { "", "hello world", "^done,x=", "^done,x=\"unterminated", "*stopped,frame={a=\"1\"",
                "12", "~\"a\" trailing", "=x,y=[\"a\" \"b\"]", "%weird" }) {
            MIRecord rec = MIParser.parse(bad);
            MIRecord.Unparsed u = assertInstanceOf(MIRecord.Unparsed.class, rec, bad);
            assertEquals(bad, u.line());
            assertTrue(u.error() != null && !u.error().isEmpty());
        }
    }

    /**
     * Lines cut short anywhere (gdb killed mid-line, a pipe buffer boundary) are garbage like any other:
     * an {@link MIRecord.Unparsed} with the reason, never an exception out of the parser.
     */
    @Test
    void truncatedListsTuplesAndCStringsAreGarbage() {
        String full = "^done,bkpt={number=\"1\",type=\"breakpoint\",thread-groups=[\"i1\"],locations=[{number=\"1.1\","
                + "enabled=\"y\",func=\"outb\"},{number=\"1.2\",func=\"outb\"}],times=\"0\"},strs=[\"a\\\"b\",\"c\\101\"],"
                + "stack=[frame={level=\"0\"}],empty=[],none={}";
        assertInstanceOf(MIRecord.Result.class, MIParser.parse(full), full);
        // the prefixes that end right after a complete result are valid records themselves
        java.util.Set<String> complete = java.util.Set.of(full.substring(0, full.indexOf(",strs=")),
                full.substring(0, full.indexOf(",stack=")), full.substring(0, full.indexOf(",empty=")),
                full.substring(0, full.indexOf(",none=")));
        int valid = 0;
        // every other prefix of a valid record stops inside a value
        for (int i = "^done,".length(); i < full.length(); i++) {
            String cut = full.substring(0, i);
            MIRecord rec = MIParser.parse(cut);
            if (complete.contains(cut)) {
                assertInstanceOf(MIRecord.Result.class, rec, cut);
                valid++;
                continue;
            }
            MIRecord.Unparsed u = assertInstanceOf(MIRecord.Unparsed.class, rec, cut);
            assertEquals(cut, u.line());
            assertTrue(u.error() != null && !u.error().startsWith("parser failed"), cut + ": " + u.error());
        }
        assertEquals(4, valid, "each complete prefix was seen");
        for (String bad : new String[] { "^done,a=[", "=x,y=[\"a\",", "^done,a={b=\"c\"", "^done,a={b=\"c\",", "^done,a={",
                "^done,a=[b=", "^done,a=[b", "^done,a=[{", "^done,a=[[", "*stopped,frame={args=[{name=\"x\"", "~\"abc",
                "~\"abc\\", "~\"\\30", "^done,v=\"tail\\\"", "@\"", "&", "1^done,a=[\"x\"]," }) {
            MIRecord.Unparsed u = assertInstanceOf(MIRecord.Unparsed.class, MIParser.parse(bad), bad);
            assertEquals(bad, u.line());
            assertTrue(u.error() != null && !u.error().startsWith("parser failed"), bad + ": " + u.error());
        }
        assertTrue(((MIRecord.Unparsed) MIParser.parse("^done,a=[")).error().contains("end of line"));
        // absurd nesting is refused, not recursed into until the stack overflows
        String deep = "^done,a=" + "[".repeat(100_000);
        assertTrue(assertInstanceOf(MIRecord.Unparsed.class, MIParser.parse(deep)).error().contains("nested deeper"));
        String ok = "^done,a=" + "[".repeat(MIParser.MAX_DEPTH) + "]".repeat(MIParser.MAX_DEPTH);
        assertInstanceOf(MIRecord.Result.class, MIParser.parse(ok));
    }

    /**
     * A breakpoint on a line of {@code static inline read_cr2} (arch/io.h), inlined in two functions: real
     * gdb 13.1 answers with three locations. As {@code -i=mi2} prints it by default, the answer breaks the
     * grammar (bare tuples after {@code bkpt}); after {@code -fix-multi-location-breakpoint-output} it is
     * one breakpoint with a {@code locations} list, in {@code -break-insert}, {@code -break-list} and the
     * events alike.
     */
    @Test
    void multiLocationBreakpointFromRealGdb13() {
        String mi2 = "^done,bkpt={number=\"1\",type=\"breakpoint\",disp=\"keep\",enabled=\"y\",addr=\"<MULTIPLE>\",times=\"0\",original-location=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h:21\""
                + "},{number=\"1.1\",enabled=\"y\",addr=\"0x00000000001009c4\",func=\"read_cr2\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]"
                + "},{number=\"1.2\",enabled=\"y\",addr=\"0x0000000000101975\",func=\"read_cr2\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]"
                + "},{number=\"1.3\",enabled=\"y\",addr=\"0x0000000000101978\",func=\"crash_report_print\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]}";
        assertInstanceOf(MIRecord.Unparsed.class, MIParser.parse(mi2), "the unfixed MI2 form is not MI");

        String fixed = "7^done,bkpt={number=\"1\",type=\"breakpoint\",disp=\"keep\",enabled=\"y\",addr=\"<MULTIPLE>\",times=\"0\",original-location=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h:21\",locations=[{number=\"1.1\",enabled=\"y\",addr=\"0x00000000001009c4\",func=\"read_cr2\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]"
                + "},{number=\"1.2\",enabled=\"y\",addr=\"0x0000000000101975\",func=\"read_cr2\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]"
                + "},{number=\"1.3\",enabled=\"y\",addr=\"0x0000000000101978\",func=\"crash_report_print\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]}]}";
        MIRecord.Result r = assertInstanceOf(MIRecord.Result.class, MIParser.parse(fixed));
        org.ruedo.debug.mi.MIBreakpoint b = new org.ruedo.debug.mi.commands.BreakInsert("io.h:21", false, false, null).result(r);
        assertEquals(1, b.number());
        assertEquals("<MULTIPLE>", b.addr());
        assertTrue(b.isMultiple());
        assertEquals(3, b.locations().size());
        assertEquals(List.of("1.1", "1.2", "1.3"), b.locations().stream().map(l -> l.number()).toList());
        assertEquals(List.of("0x00000000001009c4", "0x0000000000101975", "0x0000000000101978"),
                b.locations().stream().map(l -> l.addr()).toList());
        assertEquals("crash_report_print", b.locations().get(2).func());
        // the line and file all locations share; no single function (they differ)
        assertEquals(21, b.line());
        assertEquals("/work/wt-debug/kernel/arch/x86_64/include/arch/io.h", b.fullname());
        assertNull(b.func());
        assertTrue(b.enabled());

        String list = "8^done,BreakpointTable={nr_rows=\"1\",nr_cols=\"6\",hdr=[{width=\"7\",alignment=\"-1\",col_name=\"number\",colhdr=\"Num\""
                + "},{width=\"14\",alignment=\"-1\",col_name=\"type\",colhdr=\"Type\""
                + "},{width=\"4\",alignment=\"-1\",col_name=\"disp\",colhdr=\"Disp\""
                + "},{width=\"3\",alignment=\"-1\",col_name=\"enabled\",colhdr=\"Enb\""
                + "},{width=\"18\",alignment=\"-1\",col_name=\"addr\",colhdr=\"Address\""
                + "},{width=\"40\",alignment=\"2\",col_name=\"what\",colhdr=\"What\"}],body=[bkpt={number=\"1\",type=\"breakpoint\",disp=\"keep\",enabled=\"n\",addr=\"<MULTIPLE>\",times=\"0\",original-location=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h:21\",locations=[{number=\"1.1\",enabled=\"y\",addr=\"0x00000000001009c4\",func=\"read_cr2\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]"
                + "},{number=\"1.2\",enabled=\"y\",addr=\"0x0000000000101975\",func=\"read_cr2\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]"
                + "},{number=\"1.3\",enabled=\"y\",addr=\"0x0000000000101978\",func=\"crash_report_print\",file=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",fullname=\"/work/wt-debug/kernel/arch/x86_64/include/arch/io.h\",line=\"21\",thread-groups=[\"i1\"]}]}]}";
        List<org.ruedo.debug.mi.MIBreakpoint> table = new org.ruedo.debug.mi.commands.BreakList()
                .result((MIRecord.Result) MIParser.parse(list));
        assertEquals(1, table.size(), "one breakpoint, however many locations");
        assertEquals(3, table.get(0).locations().size());
        assertEquals(false, table.get(0).enabled());
        // the unfixed MI2 table lists the locations as bare tuples after bkpt=: still one breakpoint
        String mi2List = list.replace(",locations=[{", "},{").replace("\"]}]}]}", "\"]}]}");
        assertInstanceOf(MIRecord.Result.class, MIParser.parse(mi2List), mi2List);
        assertEquals(1, new org.ruedo.debug.mi.commands.BreakList().result((MIRecord.Result) MIParser.parse(mi2List)).size());

        var modified = assertInstanceOf(org.ruedo.debug.mi.events.BreakpointModifiedEvent.class,
                ev("=breakpoint-modified" + fixed.substring(fixed.indexOf(",bkpt=")).replace("times=\"0\"", "times=\"1\"")));
        assertEquals(1, modified.breakpoint().times());
        assertEquals(3, modified.breakpoint().locations().size());
        var created = assertInstanceOf(org.ruedo.debug.mi.events.BreakpointCreatedEvent.class,
                ev("=breakpoint-created" + fixed.substring(fixed.indexOf(",bkpt="))));
        assertTrue(created.breakpoint().isMultiple());

        // a breakpoint with one location has that one location
        org.ruedo.debug.mi.MIBreakpoint single = org.ruedo.debug.mi.MIBreakpoint.of(((MIRecord.Result) MIParser.parse(
                "104^done,bkpt={number=\"1\",type=\"breakpoint\",disp=\"keep\",enabled=\"y\",addr=\"0xffffffff80105368\",func=\"kmain\","
                        + "file=\"kmain.c\",fullname=\"/path/to/src/kmain.c\",line=\"111\",thread-groups=[\"i1\"],times=\"0\",original-location=\"kmain\"}"))
                .results().tuple("bkpt"));
        assertFalse(single.isMultiple());
        assertEquals(1, single.locations().size());
        assertEquals("0xffffffff80105368", single.locations().get(0).addr());
        assertEquals("kmain", single.func());
    }

    @Test
    void quotingArguments() {
        assertEquals("\"a \\\"b\\\" \\\\c\"", MIParser.quote("a \"b\" \\c"));
    }

    @Test
    void asyncRecordsBecomeTypedEvents() {
        assertInstanceOf(org.ruedo.debug.mi.events.StoppedEvent.class, ev("*stopped,reason=\"end-stepping-range\",frame={addr=\"0x1\"},thread-id=\"2\""));
        var running = assertInstanceOf(org.ruedo.debug.mi.events.RunningEvent.class, ev("*running,thread-id=\"all\""));
        assertEquals("all", running.threadId());
        assertEquals(2, assertInstanceOf(org.ruedo.debug.mi.events.ThreadCreatedEvent.class, ev("=thread-created,id=\"2\",group-id=\"i1\"")).id());
        assertEquals(2, assertInstanceOf(org.ruedo.debug.mi.events.ThreadExitedEvent.class, ev("=thread-exited,id=\"2\",group-id=\"i1\"")).id());
        assertEquals("1", assertInstanceOf(org.ruedo.debug.mi.events.ThreadGroupStartedEvent.class,
                ev("=thread-group-started,id=\"i1\",pid=\"1\"")).pid());
        assertEquals("3", assertInstanceOf(org.ruedo.debug.mi.events.ThreadGroupExitedEvent.class,
                ev("=thread-group-exited,id=\"i1\",exit-code=\"3\"")).exitCode());
        var modified = assertInstanceOf(org.ruedo.debug.mi.events.BreakpointModifiedEvent.class, ev(
                "=breakpoint-modified,bkpt={number=\"1\",type=\"breakpoint\",disp=\"keep\",enabled=\"y\",addr=\"0xffffffff80105368\","
                        + "func=\"kmain\",file=\"kmain.c\",fullname=\"/path/to/src/kmain.c\",line=\"111\",thread-groups=[\"i1\"],times=\"1\"}"));
        assertEquals(1, modified.breakpoint().times());
        assertEquals(111, modified.breakpoint().line());
        var created = assertInstanceOf(org.ruedo.debug.mi.events.BreakpointCreatedEvent.class,
                ev("=breakpoint-created,bkpt={number=\"4\",type=\"breakpoint\",enabled=\"n\",func=\"main\",cond=\"x > 1\"}"));
        assertEquals(4, created.breakpoint().number());
        assertEquals("x > 1", created.breakpoint().condition());
        assertEquals(false, created.breakpoint().enabled());
        assertEquals(4, assertInstanceOf(org.ruedo.debug.mi.events.BreakpointDeletedEvent.class, ev("=breakpoint-deleted,id=\"4\"")).number());
        var other = assertInstanceOf(org.ruedo.debug.mi.events.OtherEvent.class, ev("=cmd-param-changed,param=\"pagination\",value=\"off\""));
        assertEquals("cmd-param-changed", other.record().asyncClass());
        // "*" vs "=": the same class name with the other kind is not that event
        assertInstanceOf(org.ruedo.debug.mi.events.OtherEvent.class, ev("=stopped"));
    }

    private static org.ruedo.debug.mi.events.MIEvent ev(String line) {
        return org.ruedo.debug.mi.events.MIEvent.of(assertInstanceOf(MIRecord.Async.class, MIParser.parse(line), line));
    }
}
