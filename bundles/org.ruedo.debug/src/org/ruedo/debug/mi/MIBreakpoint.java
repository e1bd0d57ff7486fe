package org.ruedo.debug.mi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A breakpoint as gdb reports it in {@code bkpt={number="1",type="breakpoint",disp="keep",enabled="y",
 * addr="0x..",func="main",file="main.c",fullname="/src/main.c",line="12",times="0"}}.
 * <p>
 * A breakpoint with several code locations (a line of a {@code static inline} function that is inlined
 * in several places, an overloaded or inlined function) is one breakpoint with one number; once
 * {@code -fix-multi-location-breakpoint-output} was sent (see
 * {@link org.ruedo.debug.mi.commands.FixMultiLocationBreakpointOutput}) gdb reports its locations inside
 * the tuple:
 *
 * <pre>
 * bkpt={number="1",type="breakpoint",disp="keep",enabled="y",addr="&lt;MULTIPLE&gt;",times="0",original-location="/k/arch/io.h:6",
 *       locations=[{number="1.1",enabled="y",addr="0x000000000010037e",func="outb",file="/k/arch/io.h",fullname="/k/arch/io.h",line="6",thread-groups=["i1"]},
 *                  {number="1.2",enabled="y",addr="0x0000000000100387",func="outb",...,line="6",thread-groups=["i1"]},...]}
 * </pre>
 * Such a tuple has no {@code func}/{@code fullname}/{@code line} of its own; those fields then hold the
 * value all locations agree on (null or 0 when they differ). {@link #locations()} lists the code
 * locations; a breakpoint with one location has that one (made from its own fields), a pending one none.
 */
public record MIBreakpoint(int number, String type, boolean enabled, String func, String fullname, int line, int times,
        String condition, String addr, List<Location> locations) {

    /** One code location of a breakpoint ({@code number} is gdb's {@code "1.2"} form). */
    public record Location(String number, boolean enabled, String addr, String func, String fullname, int line) {
        static Location of(MIValue.Tuple t) {
            return new Location(t.str("number"), !"n".equals(t.str("enabled")), t.str("addr"), t.str("func"),
                    t.str("fullname"), t.integer("line", 0));
        }
    }

    /** True when gdb placed this breakpoint at more than one address. */
    public boolean isMultiple() {
        return locations.size() > 1;
    }

    public static MIBreakpoint of(MIValue.Tuple t) {
        String addr = t.str("addr");
        List<Location> locs = t.list("locations").tuples().stream().map(Location::of).toList();
        if (locs.isEmpty() && addr != null && !addr.startsWith("<")) {
            locs = List.of(Location.of(t));         // a breakpoint tuple has a location's fields
        }
        String func = t.str("func") != null ? t.str("func") : common(locs, Location::func);
        String fullname = t.str("fullname") != null ? t.str("fullname") : common(locs, Location::fullname);
        int line = t.integer("line", 0);
        if (line == 0) {
            Integer l = common(locs, Location::line);
            line = l != null ? l : 0;
        }
        return new MIBreakpoint(t.integer("number", -1), t.str("type"), "y".equals(t.str("enabled")), func, fullname, line,
                t.integer("times", 0), t.str("cond"), addr, locs);
    }

    private static <T> T common(List<Location> locs, Function<Location, T> field) {
        if (locs.isEmpty()) {
            return null;
        }
        T first = field.apply(locs.get(0));
        return locs.stream().allMatch(l -> Objects.equals(field.apply(l), first)) ? first : null;
    }
}
