package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ruedo.debug.internal.service.FaultService;
import org.ruedo.debug.internal.service.GdbErrors;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MIParser;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.mi.events.StoppedEvent;

/** gdb's *stopped reasons as typed values, gdb errors as sentences, the fault handler's frames. */
class StopReasonTest {
    private static StopReason reason(String stopped) {
        return StoppedEvent.from((MIRecord.Async) MIParser.parse(stopped)).reason();
    }

    @Test
    void everyReasonGdbSends() {
        assertEquals(new StopReason.BreakpointHit(2), reason("*stopped,reason=\"breakpoint-hit\",disp=\"keep\",bkptno=\"2\",thread-id=\"1\""));
        assertEquals(new StopReason.WatchpointTrigger(3, "counter", "1", "2"),
                reason("*stopped,reason=\"watchpoint-trigger\",wpt={number=\"3\",exp=\"counter\"},value={old=\"1\",new=\"2\"},thread-id=\"1\""));
        assertEquals(new StopReason.WatchpointTrigger(4, "flag", null, "5"),
                reason("*stopped,reason=\"read-watchpoint-trigger\",hw-rwpt={number=\"4\",exp=\"flag\"},value={value=\"5\"}"));
        assertEquals(new StopReason.WatchpointTrigger(5, "x", "7", "8"),
                reason("*stopped,reason=\"access-watchpoint-trigger\",hw-awpt={number=\"5\",exp=\"x\"},value={old=\"7\",new=\"8\"}"));
        assertEquals(new StopReason.SteppingRange(), reason("*stopped,reason=\"end-stepping-range\",thread-id=\"1\""));
        assertEquals(new StopReason.FunctionFinished("4"), reason("*stopped,reason=\"function-finished\",gdb-result-var=\"$1\",return-value=\"4\""));
        assertEquals(new StopReason.FunctionFinished(null), reason("*stopped,reason=\"function-finished\""));
        assertEquals(new StopReason.LocationReached(), reason("*stopped,reason=\"location-reached\""));
        assertEquals(new StopReason.Signal("SIGINT", "Interrupt"), reason("*stopped,reason=\"signal-received\",signal-name=\"SIGINT\",signal-meaning=\"Interrupt\""));
        assertEquals(new StopReason.NoHistory(), reason("*stopped,reason=\"no-history\""));
        assertEquals(new StopReason.Exited(0), reason("*stopped,reason=\"exited-normally\""));
        assertEquals(new StopReason.Exited(9), reason("*stopped,reason=\"exited\",exit-code=\"011\""));
        assertEquals(new StopReason.Exited(-1), reason("*stopped,reason=\"exited-signalled\",signal-name=\"SIGKILL\""));
        assertEquals(new StopReason.Other(null), reason("*stopped,frame={addr=\"0xfff0\"},thread-id=\"1\""));
        assertEquals(new StopReason.Other("solib-event"), reason("*stopped,reason=\"solib-event\""));
        assertEquals(3, new StopReason.WatchpointTrigger(3, "c", null, "1").breakpoint());
        assertEquals(-1, new StopReason.SteppingRange().breakpoint());
    }

    @Test
    void gdbErrorsBecomeOneSentence() {
        assertEquals("Step Return is not possible here: this is the outermost frame, it has no caller to return to.",
                GdbErrors.explain("-exec-finish: \"finish\" not meaningful in the outermost frame."));
        assertEquals("'nope' is not a variable or function visible in this frame.",
                GdbErrors.explain("-data-evaluate-expression: No symbol \"nope\" in current context."));
        assertEquals("The guest has no readable memory at 0x7ffff000.", GdbErrors.explain("Cannot access memory at address 0x7ffff000"));
        assertEquals("The guest is running: suspend it first.",
                GdbErrors.explain("-stack-list-frames: Cannot execute this command while the target is running."));
        assertEquals("There is no function nosuch in the image.", GdbErrors.explain("Function \"nosuch\" not defined."));
        assertEquals("Something else went wrong.", GdbErrors.explain("-exec-next: Something else went wrong"));
    }

    @Test
    void theFaultHandlersFramesAreCountedFromTheTop() {
        MIFrame hook = new MIFrame(0, "0x1", "ruedo_fault_hook", "panic.c", "/k/panic.c", 75);
        MIFrame handler = new MIFrame(1, "0x2", "trap_handler", "traps.c", "/k/traps.c", 60);
        MIFrame stub = new MIFrame(2, "0x3", "<signal handler called>", null, null, 0);
        MIFrame faulting = new MIFrame(3, "0x4", "store_answer", "main.c", "/a/main.c", 8);
        MIFrame main = new MIFrame(4, "0x5", "main", "main.c", "/a/main.c", 13);
        assertEquals(3, FaultService.handlerFrames(java.util.List.of(hook, handler, stub, faulting, main)));
        MIFrame panic = new MIFrame(1, "0x6", "panic", "panic.c", "/k/panic.c", 130);
        assertEquals(2, FaultService.handlerFrames(java.util.List.of(hook, panic, main)), "panic: its caller");
        assertEquals(0, FaultService.handlerFrames(java.util.List.of(main)));
    }
}
