package org.ruedo.debug.internal.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's error text, as it reaches the user (a failed Step Return, a bad expression, a write while the
 * guest runs), turned into one clear sentence. The raw text stays in the gdb console. Messages this class
 * does not know are passed on without the MI operation prefix ({@code -exec-finish: ...}).
 */
public final class GdbErrors {
    private GdbErrors() {
    }

    private static final Pattern OPERATION = Pattern.compile("^-[a-z-]+: ");
    private static final Pattern NO_SYMBOL = Pattern.compile("No symbol \"([^\"]+)\" in current context\\.?");

    /** One sentence for a user; {@code raw} is the MIException's message. */
    public static String explain(String raw) {
        if (raw == null || raw.isBlank()) {
            return "gdb reported an error without a message.";
        }
        String m = OPERATION.matcher(raw).replaceFirst("").strip();
        if (m.contains("not meaningful in the outermost frame")) {
            return "Step Return is not possible here: this is the outermost frame, it has no caller to return to.";
        }
        Matcher ns = NO_SYMBOL.matcher(m);
        if (ns.find()) {
            return "'" + ns.group(1) + "' is not a variable or function visible in this frame.";
        }
        if (m.contains("Cannot access memory at address")) {
            return "The guest has no readable memory at " + m.replaceAll(".*address ", "").replaceAll("\\.$", "") + ".";
        }
        if (m.contains("Cannot execute this command while the target is running")
                || m.contains("Cannot execute this command while the selected thread is running")) {
            return "The guest is running: suspend it first.";
        }
        if (m.contains("The program is not being run")) {
            return "The guest is no longer running under the debugger.";
        }
        if (m.startsWith("No source file named")) {
            return "gdb has no line information for that file in the image (" + m.replaceAll("\\.$", "") + ").";
        }
        if (m.startsWith("Function \"") && m.contains("not defined")) {
            return "There is no function " + m.replaceAll("^Function \"([^\"]+)\".*", "$1") + " in the image.";
        }
        return m.endsWith(".") ? m : m + ".";
    }
}
