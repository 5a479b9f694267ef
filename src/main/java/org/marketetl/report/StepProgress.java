package org.marketetl.report;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A step the run has not finished yet, as a RUNNING record shows it: how far it has got, symbol by
 * symbol. Counts are the run's (earlier invocations of a continued run included), so
 * {@code symbolsDone} of {@code symbols} reads the same in every invocation.
 *
 * @param step        the step's id, e.g. {@code price}
 * @param state       {@value #WAITING} (its turn has not come in this invocation) or {@value #RUNNING}
 * @param symbolsDone symbols fetched or settled so far (failed ones included, as in {@link StepReport#symbolsDone()});
 *                    0 for the warehouse-only steps
 * @param symbols     the run's symbols for the step; 0 for the warehouse-only steps
 * @param apiRequests requests sent so far, retries included
 * @param startedAt   when the step began (its first invocation's start); null while waiting
 * @param msLeft      an estimate of the time the step still needs, or null when none can be made yet
 *                    (no symbol finished in this invocation, or a warehouse-only step)
 */
@RegisterForReflection
public record StepProgress(String step, String state, long symbolsDone, long symbols, long apiRequests,
        Instant startedAt, Long msLeft) {

    public static final String WAITING = "waiting";
    public static final String RUNNING = "running";
}
