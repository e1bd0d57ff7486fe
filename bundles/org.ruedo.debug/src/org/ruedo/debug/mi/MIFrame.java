package org.ruedo.debug.mi;

/**
 * A stack frame as gdb reports it: {@code frame={level="0",addr="0x..",func="main",file="main.c",
 * fullname="/abs/main.c",line="12",arch="i386:x86-64"}}.
 */
public record MIFrame(int level, String addr, String func, String file, String fullname, int line) {
    /** From a frame tuple. */
    public static MIFrame of(MIValue.Tuple t) {
        return new MIFrame(t.integer("level", 0), t.str("addr"), t.str("func"), t.str("file"), t.str("fullname"),
                t.integer("line", 0));
    }
}
