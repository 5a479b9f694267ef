package org.marketetl.report;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One Lambda invocation of a run. A run longer than one invocation is continued by the state
 * machine under the same run id; its report lists every invocation it took.
 *
 * @param startedAt when the invocation began working on the run
 * @param ms        how long it worked; for one that died, until its last progress record
 * @param outcome   {@code running} (the ledger's view while it works), {@code finished},
 *                  {@code deadline} (stopped at its deadline with work left), or {@code died}
 *                  (ended without a report: killed, timed out, out of memory)
 */
@RegisterForReflection
public record InvocationReport(Instant startedAt, long ms, String outcome) {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String DEADLINE = "deadline";
    public static final String DIED = "died";

    /**
     * This invocation as a later one sees it: one still "running" never wrote its end, so it died
     * (its ms are those of its last progress record); any other is as it was.
     */
    public InvocationReport settled() {
        return RUNNING.equals(outcome) ? new InvocationReport(startedAt, ms, DIED) : this;
    }
}
