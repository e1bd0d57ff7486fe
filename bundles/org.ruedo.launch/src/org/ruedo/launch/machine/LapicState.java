package org.ruedo.launch.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vCPU's local APIC from QEMU's {@code info lapic} (see {@link org.ruedo.launch.qmp.commands.InfoLapic}):
 * every register line as a row, plus the facts a kernel developer looks for first.
 *
 * @param rows         register name and QEMU's decoded text, in QEMU's order
 * @param enabled      SPIV says "APIC enabled"
 * @param timerMode    {@code one-shot}, {@code periodic} or {@code tsc-deadline} (empty if unknown)
 * @param timerMasked  the LVT timer entry is masked
 * @param timerVector  the timer's vector (-1 if unknown)
 * @param initialCount the timer's initial count (-1 if unknown)
 * @param currentCount the timer's current count (-1 if unknown)
 * @param inService    ISR text ({@code (none)} or vectors)
 * @param pending      IRR text ({@code (none)} or vectors): requested, not yet delivered
 */
public record LapicState(List<String[]> rows, boolean enabled, String timerMode, boolean timerMasked, int timerVector,
        long initialCount, long currentCount, String inService, String pending) {
    private static final Pattern COUNTS = Pattern.compile("initial_count = (\\d+) current_count = (\\d+)");
    private static final Pattern VEC = Pattern.compile("\\(vec (\\d+)\\)");

    /**
     * Parses {@code info lapic} output.
     *
     * @throws IllegalArgumentException when QEMU printed no APIC registers (no APIC, or an error)
     */
    public static LapicState parse(String text) {
        List<String[]> rows = new ArrayList<>();
        boolean enabled = false;
        String mode = "";
        boolean masked = false;
        int vec = -1;
        long init = -1;
        long cur = -1;
        String isr = "";
        String irr = "";
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("dumping")) {
                continue;
            }
            int sp = l.indexOf('\t') > 0 ? l.indexOf('\t') : l.indexOf(' ');
            String name = sp < 0 ? l : l.substring(0, sp);
            String val = sp < 0 ? "" : l.substring(sp).strip().replaceAll("\\s{2,}", "  ");
            rows.add(new String[] { name, val });
            switch (name) {
                case "SPIV" -> enabled = val.contains("APIC enabled");
                case "LVTT" -> {
                    mode = val.contains("tsc-deadline") ? "tsc-deadline" : val.contains("periodic") ? "periodic" : val.contains("one-shot") ? "one-shot" : "";
                    masked = val.contains("masked");
                    Matcher m = VEC.matcher(val);
                    vec = m.find() ? Integer.parseInt(m.group(1)) : -1;
                }
                case "Timer" -> {
                    Matcher m = COUNTS.matcher(val);
                    if (m.find()) {
                        init = Long.parseLong(m.group(1));
                        cur = Long.parseLong(m.group(2));
                    }
                }
                case "ISR" -> isr = val;
                case "IRR" -> irr = val;
                default -> {
                }
            }
        }
        if (rows.stream().noneMatch(r -> r[0].startsWith("LVT"))) {
            throw new IllegalArgumentException("QEMU printed no local APIC state: " + text.strip());
        }
        return new LapicState(List.copyOf(rows), enabled, mode, masked, vec, init, cur, isr, irr);
    }

    /** One line: {@code enabled; timer one-shot vector 240 masked, count 0/0; pending (none)}. */
    public String summary() {
        return (enabled ? "enabled" : "software-disabled") + "; timer " + (timerMode.isEmpty() ? "?" : timerMode)
                + (timerVector >= 0 ? " vector " + timerVector : "") + (timerMasked ? " masked" : "")
                + (initialCount >= 0 ? ", count " + currentCount + " of " + initialCount : "")
                + "; in service " + inService + "; pending " + pending;
    }
}
