package org.ruedo.core.ktest;

import java.util.List;

/**
 * The cases of one {@code ruedo test} run on one CPU count.
 *
 * @param project   the project's name
 * @param cpus      the CPU count it booted with
 * @param cases     in the order they ran
 * @param serial    the serial output of every boot, one after the other
 * @param millis    the whole run, boots included
 * @param error     why the run stopped short of its cases (no test output, a boot that hung), or null
 * @param timestamp when it started (ISO-8601, UTC, seconds)
 */
public record KtestSuite(String project, int cpus, List<KtestCase> cases, String serial, long millis, String error, String timestamp) {
    public long count(KtestCase.Status s) {
        return cases.stream().filter(c -> c.status() == s).count();
    }

    /** FAIL and ERROR cases. */
    public long failedCount() {
        return cases.stream().filter(KtestCase::failed).count();
    }

    /** Passed when at least one case ran, none failed and nothing stopped the run. */
    public boolean passed() {
        return error == null && failedCount() == 0 && !cases.isEmpty();
    }
}
