package org.ruedo.debug.internal.service;

import java.util.List;
import java.util.Set;

import org.eclipse.debug.core.DebugException;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.DataEvaluateExpression;
import org.ruedo.debug.mi.commands.DataReadMemoryBytes;
import org.ruedo.debug.mi.events.StopReason;
import org.ruedo.debug.mi.events.StoppedEvent;

/**
 * Stop at the fault (docs/CONTRACTS.md §5.1 and §5.2): a breakpoint on the kernel's
 * {@code ruedo_fault_hook(const char *reason)}, which every fatal path (CPU exception, {@code panic},
 * failed {@code kassert}) calls on the faulting CPU before it prints the crash report. A hit of that
 * breakpoint becomes a {@link StopReason.Fault} with the hook's {@code reason} text, and the frames of the
 * kernel's handler (the hook, {@code trap_handler}, the trap stub gdb shows as
 * {@code <signal handler called>}, {@code panic}, {@code assert_failed}) are counted so the model can
 * show the faulting function as the thread's top frame. Resuming lets the kernel print its report and
 * end the run with exit 100, as without a debugger.
 *
 * <pre>
 * -&gt; 9-break-insert -f ruedo_fault_hook
 * &lt;- 9^done,bkpt={number="1",type="breakpoint",disp="keep",enabled="y",func="ruedo_fault_hook",...}
 * &lt;- *stopped,reason="breakpoint-hit",disp="keep",bkptno="1",frame={func="ruedo_fault_hook",args=[{name="reason",value="0x1f7e8 \"page fault (write to 0x0000000000000000)\""}],...},thread-id="1"
 * -&gt; 12-data-evaluate-expression --thread 1 --frame 0 "(unsigned long)reason"
 * &lt;- 12^done,value="1177576"
 * -&gt; 13-data-read-memory-bytes 1177576 64          (the text is read as bytes up to its NUL: gdb's
 * &lt;- 13^done,memory=[{begin="0x..",offset="0x0",end="0x..",contents="7061676520666175..."}]   printing would abbreviate it)
 * -&gt; 13-stack-list-frames --thread 1
 * &lt;- 13^done,stack=[frame={level="0",func="ruedo_fault_hook",..},frame={level="1",func="trap_handler",..},
 *        frame={level="2",func="&lt;signal handler called&gt;"},frame={level="3",func="crash_null_deref",file="main.c",line="9"},...]
 * </pre>
 */
public final class FaultService extends MIService {
    /** The kernel function the debugger breaks on. */
    public static final String HOOK = "ruedo_fault_hook";
    /** Functions (innermost first) of the kernel's fatal path, above the faulting frame. */
    public static final Set<String> HANDLER_FRAMES = Set.of(HOOK, "trap_handler", "trap_common", "<signal handler called>",
            "panic", "assert_failed");

    /** A fault stop: the stop with its {@link StopReason.Fault} and the number of handler frames on top. */
    public record FaultStop(StoppedEvent stop, int handlerFrames) {
    }

    private volatile int hookBreakpoint;

    public FaultService(MISession mi) {
        super(mi);
    }

    /**
     * Sets the breakpoint on the hook (at launch); returns a warning for the console when the image has
     * no hook (a kernel older than the contract), else null.
     */
    public String start() {
        try {
            MIBreakpoint b = mi.execute(new BreakInsert(HOOK, false, false, null));
            hookBreakpoint = b.number();
            return null;
        } catch (MIException e) {
            return "warning: no " + HOOK + " in this image, so a fault ends the run instead of suspending it ("
                    + e.getMessage() + ")\n";
        }
    }

    /** gdb's number of the hook's breakpoint, 0 when it is not set. */
    public int hookBreakpoint() {
        return hookBreakpoint;
    }

    /** True when the stop is a hit of the hook's breakpoint. */
    public boolean isFault(StoppedEvent se) {
        int n = hookBreakpoint;
        return n > 0 && se.reason() instanceof StopReason.BreakpointHit b && b.number() == n;
    }

    /** Reads the reason and counts the handler frames (asks gdb: never on the MI reader thread). */
    public FaultStop resolve(StoppedEvent se) {
        int thread = se.threadId() > 0 ? se.threadId() : 1;
        String reason;
        try {
            reason = readString(Long.parseUnsignedLong(mi.execute(new DataEvaluateExpression(thread, 0, "(unsigned long)reason")).strip()));
        } catch (MIException | NumberFormatException e) {
            reason = "kernel fault (the reason could not be read: " + e.getMessage() + ")";
        }
        int skip = 0;
        try {
            skip = handlerFrames(new StackService(mi).frames(thread));
        } catch (DebugException e) {
            // no frames: the thread's top frame is shown as it is
        }
        return new FaultStop(se.withReason(new StopReason.Fault(reason)), skip);
    }

    /** How many innermost frames belong to the fatal path (the faulting frame comes right after them). */
    public static int handlerFrames(List<MIFrame> frames) {
        int i = 0;
        while (i < frames.size() - 1 && frames.get(i).func() != null && HANDLER_FRAMES.contains(frames.get(i).func())) {
            i++;
        }
        return i;
    }

    /** A NUL-terminated string of guest memory (at most 512 bytes), read in pieces that stay within a page. */
    private String readString(long address) throws MIException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long a = address;
        while (out.size() < 512) {
            int n = (int) Math.min(64, 4096 - (a & 4095));
            byte[] b = mi.execute(new DataReadMemoryBytes(a, n));
            for (byte x : b) {
                if (x == 0) {
                    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.write(x);
            }
            if (b.length == 0) {
                break;
            }
            a += b.length;
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
