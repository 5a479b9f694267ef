package org.marketetl.marketdata;

import java.time.Instant;

/**
 * What a process spent of the plan's current window, as the next invocation needs it: the rate
 * limit is per API key, so a run continued by a fresh process must count these calls too.
 * Compact on purpose (one row, written once per run): all {@code count} calls are taken to have
 * ended at {@code lastCall}, which can only make the next process wait longer, never less.
 *
 * @param count      calls that ended within the last window (plus margin), or are still out
 * @param lastCall   when the last of them ended (wall clock, UTC); now if one is still out; null
 *                   when count is 0
 * @param recordedBy the limiter instance that made them, so a warm process does not count its own
 *                   calls twice
 */
public record RecentCalls(int count, Instant lastCall, String recordedBy) {

    /** Nothing spent: the window is free. */
    public static RecentCalls none() {
        return new RecentCalls(0, null, "");
    }
}
