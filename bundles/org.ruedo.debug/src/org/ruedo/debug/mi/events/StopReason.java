package org.ruedo.debug.mi.events;

import org.ruedo.debug.mi.MIValue;

/**
 * Why the guest stopped, typed: the {@code reason} field of gdb's {@code *stopped} record and the fields
 * that go with it. Services and the model {@code switch} over this sealed hierarchy instead of comparing
 * gdb's strings. {@link Fault} and (for a Run to Line target) {@link LocationReached} are not sent by gdb
 * as such: the run control service derives them from a {@link BreakpointHit} on a breakpoint it owns.
 *
 * <pre>
 * reason="breakpoint-hit",disp="keep",bkptno="2"                              BreakpointHit(2)
 * reason="watchpoint-trigger",wpt={number="3",exp="counter"},value={old="1",new="2"}
 *                                                                             WatchpointTrigger(3, counter, 1, 2)
 * reason="read-watchpoint-trigger",hw-rwpt={..},value={value="5"}             WatchpointTrigger(n, exp, null, 5)
 * reason="access-watchpoint-trigger",hw-awpt={..},value={old=..,new=..}       WatchpointTrigger
 * reason="watchpoint-scope",wpnum="3",frame={..}                            WatchpointScope(3)
 * reason="end-stepping-range"                                                 SteppingRange
 * reason="function-finished",gdb-result-var="$1",return-value="4"             FunctionFinished("4")
 * reason="location-reached"                                                   LocationReached
 * reason="signal-received",signal-name="SIGINT",signal-meaning="Interrupt"    Signal(SIGINT, Interrupt)
 * reason="no-history"                                                         NoHistory (reverse execution)
 * reason="exited",exit-code="01" / "exited-normally" / "exited-signalled"     Exited(1 / 0 / -1)
 * no reason (right after -target-select remote), anything else               Other(reason or null)
 * </pre>
 */
public sealed interface StopReason {
    /** gdb breakpoint {@code number} was hit. */
    record BreakpointHit(int number) implements StopReason {
    }

    /**
     * Watchpoint {@code number} on {@code expression} triggered; a read watchpoint has no old value (nor has
     * an access watchpoint whose value did not change). {@code kind} is gdb's {@code write}, {@code read} or
     * {@code access}.
     */
    record WatchpointTrigger(int number, String expression, String oldValue, String newValue, String kind)
            implements StopReason {
        public WatchpointTrigger(int number, String expression, String oldValue, String newValue) {
            this(number, expression, oldValue, newValue, "write");
        }
    }

    /** The frame of watchpoint {@code number}'s local variable ended: gdb deleted the watchpoint and stopped. */
    record WatchpointScope(int number) implements StopReason {
    }

    /** A step (line or instruction) ended. */
    record SteppingRange() implements StopReason {
    }

    /** Step Return ended in the caller; {@code returnValue} is null for a void function. */
    record FunctionFinished(String returnValue) implements StopReason {
    }

    /** A Run to Line (or {@code -exec-until}) target was reached. */
    record LocationReached() implements StopReason {
    }

    /** A signal: {@code SIGINT} is gdb's answer to an interrupt (the Suspend button), {@code SIGTRAP} a stray trap. */
    record Signal(String name, String meaning) implements StopReason {
    }

    /** The kernel's fatal path called {@code ruedo_fault_hook(reason)} (see docs/CONTRACTS.md, "Stop at the fault"). */
    record Fault(String reason) implements StopReason {
    }

    /** Reverse execution reached the start of the recorded history. */
    record NoHistory() implements StopReason {
    }

    /** The inferior ended; {@code code} is -1 when it was killed by a signal. */
    record Exited(int code) implements StopReason {
    }

    /** A reason this model does not distinguish, or none ({@code gdbReason} null). */
    record Other(String gdbReason) implements StopReason {
    }

    /** The breakpoint number of a breakpoint or watchpoint stop, else -1. */
    default int breakpoint() {
        return switch (this) {
            case BreakpointHit b -> b.number();
            case WatchpointTrigger w -> w.number();
            case WatchpointScope w -> w.number();
            default -> -1;
        };
    }

    /** The reason of a {@code *stopped} record's results. */
    static StopReason of(MIValue.Tuple r) {
        String reason = r.str("reason");
        if (reason == null) {
            return new Other(null);
        }
        return switch (reason) {
            case "breakpoint-hit" -> new BreakpointHit(r.integer("bkptno", -1));
            case "watchpoint-trigger", "read-watchpoint-trigger", "access-watchpoint-trigger" -> watchpoint(r);
            case "watchpoint-scope" -> new WatchpointScope(r.integer("wpnum", -1));
            case "end-stepping-range" -> new SteppingRange();
            case "function-finished" -> new FunctionFinished(r.str("return-value"));
            case "location-reached" -> new LocationReached();
            case "signal-received" -> new Signal(r.str("signal-name"), r.str("signal-meaning"));
            case "no-history" -> new NoHistory();
            case "exited-normally" -> new Exited(0);
            case "exited" -> new Exited(exitCode(r.str("exit-code")));
            case "exited-signalled" -> new Exited(-1);
            default -> new Other(reason);
        };
    }

    private static WatchpointTrigger watchpoint(MIValue.Tuple r) {
        String kind = switch (r.str("reason")) {
            case "read-watchpoint-trigger" -> "read";
            case "access-watchpoint-trigger" -> "access";
            default -> "write";
        };
        MIValue.Tuple wpt = r.tuple("wpt");
        if (wpt.fields().isEmpty()) {
            wpt = r.tuple("hw-rwpt");
        }
        if (wpt.fields().isEmpty()) {
            wpt = r.tuple("hw-awpt");
        }
        MIValue.Tuple value = r.tuple("value");
        String now = value.str("new") != null ? value.str("new") : value.str("value");
        return new WatchpointTrigger(wpt.integer("number", -1), wpt.str("exp"), value.str("old"), now, kind);
    }

    /** gdb prints the exit code in octal ({@code exit-code="01"}). */
    private static int exitCode(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
