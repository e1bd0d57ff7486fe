package org.ruedo.debug.mi;

/**
 * A thread as {@code -thread-info} reports it. With QEMU's gdbstub each thread is one vCPU:
 * {@code {id="1",target-id="Thread 1.1",name="CPU#0 [running]",frame={...},state="stopped",core="0"}}.
 */
public record MIThread(int id, String targetId, String name, String state, MIFrame frame) {
    /** From a thread tuple. */
    public static MIThread of(MIValue.Tuple t) {
        return new MIThread(t.integer("id", -1), t.str("target-id"), t.str("name"), t.str("state"),
                t.fields().containsKey("frame") ? MIFrame.of(t.tuple("frame")) : null);
    }
}
