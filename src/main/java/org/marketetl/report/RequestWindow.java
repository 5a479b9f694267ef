package org.marketetl.report;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The market-data requests a run sent within one rate window: each invocation's time cut into
 * windows of the plan's length ({@code market-etl.market-data.rate-window}) from its start. Against
 * {@code limit} it shows where a run waited for the plan and where it had room.
 *
 * @param startedAt when the window began
 * @param ms        its length (the plan's window; the last one of an invocation ends with it)
 * @param requests  requests sent in it, retries included
 * @param limit     the plan's calls per window at the time; 0 for no limit
 */
@RegisterForReflection
public record RequestWindow(Instant startedAt, long ms, long requests, int limit) {
}
