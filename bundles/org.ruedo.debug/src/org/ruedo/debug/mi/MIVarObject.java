package org.ruedo.debug.mi;

/**
 * A gdb variable object: {@code name="var1",numchild="2",value="{...}",type="struct answer",exp="a"}.
 * Children of structs, arrays and pointers are listed with {@code -var-list-children}.
 */
public record MIVarObject(String name, String expression, int numChildren, String value, String type) {
    public static MIVarObject of(MIValue.Tuple t) {
        return new MIVarObject(t.str("name"), t.str("exp"), t.integer("numchild", 0), t.str("value"), t.str("type"));
    }
}
