package org.ruedo.debug.mi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value in GDB/MI output: a c-string constant, a tuple {@code {a=..}} or a list {@code [..]}. */
public sealed interface MIValue permits MIValue.Const, MIValue.Tuple, MIValue.ListValue {

    /** A c-string constant, unescaped. */
    record Const(String text) implements MIValue {
        @Override
        public String toString() {
            return '"' + text + '"';
        }
    }

    /** {@code {name=value,...}}; also the results of a record. Keeps order; duplicate names keep the first. */
    record Tuple(Map<String, MIValue> fields) implements MIValue {
        public static final Tuple EMPTY = new Tuple(Map.of());

        /** A string field, or null. */
        public String str(String name) {
            return fields.get(name) instanceof Const c ? c.text() : null;
        }

        /** An int field, or {@code def}. */
        public int integer(String name, int def) {
            String s = str(name);
            try {
                return s == null ? def : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return def;
            }
        }

        /** A tuple field, or an empty tuple. */
        public Tuple tuple(String name) {
            return fields.get(name) instanceof Tuple t ? t : EMPTY;
        }

        /** A list field, or an empty list. */
        public ListValue list(String name) {
            return fields.get(name) instanceof ListValue l ? l : ListValue.EMPTY;
        }

        public MIValue get(String name) {
            return fields.get(name);
        }

        static Tuple of(Map<String, MIValue> m) {
            return new Tuple(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        }
    }

    /**
     * {@code [value,...]} or {@code [name=value,...]}: {@code values} holds the values in order, {@code names}
     * the result names (null entries for plain values).
     */
    record ListValue(List<MIValue> values, List<String> names) implements MIValue {
        public static final ListValue EMPTY = new ListValue(List.of(), List.of());

        /** Elements that are tuples (e.g. {@code stack=[frame={..},frame={..}]} or {@code [{..},{..}]}). */
        public List<Tuple> tuples() {
            return values.stream().filter(v -> v instanceof Tuple).map(v -> (Tuple) v).toList();
        }

        /** Elements that are constants. */
        public List<String> strings() {
            return values.stream().filter(v -> v instanceof Const).map(v -> ((Const) v).text()).toList();
        }
    }
}
