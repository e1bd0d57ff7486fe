package org.ruedo.debug.mi;

/**
 * A breakpoint as gdb reports it in {@code bkpt={number="1",type="breakpoint",disp="keep",enabled="y",
 * addr="0x..",func="main",file="main.c",fullname="/src/main.c",line="12",times="0"}}.
 */
public record MIBreakpoint(int number, String type, boolean enabled, String func, String fullname, int line, int times,
        String condition) {
    public static MIBreakpoint of(MIValue.Tuple t) {
        return new MIBreakpoint(t.integer("number", -1), t.str("type"), "y".equals(t.str("enabled")), t.str("func"),
                t.str("fullname"), t.integer("line", 0), t.integer("times", 0), t.str("cond"));
    }
}
