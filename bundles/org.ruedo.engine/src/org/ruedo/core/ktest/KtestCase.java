package org.ruedo.core.ktest;

/**
 * One KTEST case's result in one boot configuration.
 *
 * @param name    the case name (the KTEST identifier)
 * @param status  what happened
 * @param millis  from its {@code [ RUN  ]} line to its result line (host time), or to the crash / timeout
 * @param message for FAIL: the KASSERT condition and message; for ERROR: the crash summary or the timeout; else ""
 * @param file    the failing KASSERT's file (FAIL), the crash's first source frame's file (ERROR), or null
 * @param line    its line, or 0
 * @param detail  for ERROR: the crash report text (resolved to file:line where addr2line could); else ""
 */
public record KtestCase(String name, Status status, long millis, String message, String file, int line, String detail) {
    /** PASS and SKIP count as not failed; FAIL is a failed KASSERT; ERROR a crash, a hang or a guest that ended mid-case. */
    public enum Status {
        PASS, FAIL, ERROR, SKIP
    }

    /** Whether the case counts as failed (FAIL or ERROR). */
    public boolean failed() {
        return status == Status.FAIL || status == Status.ERROR;
    }

    /** {@code file:line}, or "" when unknown. */
    public String location() {
        return file == null ? "" : file + ":" + line;
    }
}
