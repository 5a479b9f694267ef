package org.marketetl.run;

import java.time.Duration;

import org.marketetl.report.RunReport;

/**
 * The run under way, as a display shows it: the RUNNING report the ledger would record now (steps
 * finished, steps in {@link RunReport#progress()} with their symbols done of total), and how full
 * the plan's rate window is.
 *
 * @param run            the run so far
 * @param callsInWindow  calls the current rate window holds (ended within it, or still out)
 * @param callsPerWindow the plan's limit per window, 0 for none
 * @param window         the plan's window
 */
public record ProgressSnapshot(RunReport run, int callsInWindow, int callsPerWindow, Duration window) {
}
