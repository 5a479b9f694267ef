package org.marketetl.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One step of a run as the report shows it.
 *
 * @param step          the step's id, e.g. {@code price}
 * @param status        how it ended
 * @param startedAt     when its clock started (null when skipped)
 * @param finishedAt    when it ended (null when skipped)
 * @param ms            wall time, failures included
 * @param rowsExtracted rows read from the API
 * @param rowsLoaded    target rows inserted or changed
 * @param apiRequests   HTTP requests, retries included
 * @param retries       repeated requests
 * @param throttled     requests answered with 429
 * @param failedSymbols symbols that failed, with reasons
 * @param error         why the step failed or was skipped; null when it ran
 * @param symbolsDone   symbols the step has finished, loaded or failed for good (not those the
 *                      deadline kept from starting); 0 for the warehouse-only steps
 * @param rebasedRefetched stored price rows a new split re-based by fetching them again from FMP
 *                      (the rows FMP still serves); 0 for all steps but price
 * @param rebasedScaled stored price rows a new split re-based by scaling them with its factor
 *                      (those older than FMP serves); 0 for all steps but price. A report stored
 *                      before these two existed reads them as 0.
 * @param strategy      how the step fetched: {@code per-symbol}, {@code bulk}, or {@code bulk,
 *                      per-symbol} (bulk, then per symbol for what it could not cover); null for the
 *                      warehouse-only steps and in reports written before issue 19
 * @param strategyReason why, with the costs compared (calls and bytes), in one line
 * @param unitsLeft     bulk units (profile parts, statement periods, days) the deadline kept from
 *                      starting: the run's next invocation loads exactly these
 * @param unitsDone     bulk units loaded
 */
@RegisterForReflection
public record StepReport(
        String step,
        StepStatus status,
        Instant startedAt,
        Instant finishedAt,
        long ms,
        long rowsExtracted,
        long rowsLoaded,
        long apiRequests,
        long retries,
        long throttled,
        List<SymbolFailure> failedSymbols,
        String error,
        long symbolsDone,
        long rebasedRefetched,
        long rebasedScaled,
        String strategy,
        String strategyReason,
        List<String> unitsLeft,
        long unitsDone) {

    /** The reason a step that the deadline kept from starting is SKIPPED with; the run's next invocation runs it. */
    public static final String NOT_STARTED_STEP = "deadline: too little time left to start";

    public StepReport {
        failedSymbols = failedSymbols == null ? List.of() : List.copyOf(failedSymbols);
        unitsLeft = unitsLeft == null ? List.of() : List.copyOf(unitsLeft);
    }

    /**
     * A step that re-based no rows and has no fetch strategy: the warehouse-only steps, the steps of
     * tests, and reports of before issues 19 and 20.
     */
    public StepReport(String step, StepStatus status, Instant startedAt, Instant finishedAt, long ms, long rowsExtracted,
            long rowsLoaded, long apiRequests, long retries, long throttled, List<SymbolFailure> failedSymbols,
            String error, long symbolsDone) {
        this(step, status, startedAt, finishedAt, ms, rowsExtracted, rowsLoaded, apiRequests, retries, throttled,
                failedSymbols, error, symbolsDone, 0, 0, null, null, List.of(), 0);
    }

    public static StepReport skipped(Step step, String reason) {
        return new StepReport(step.id(), StepStatus.SKIPPED, null, null, 0, 0, 0, 0, 0, 0, List.of(), reason, 0);
    }

    /** {@code price SUCCEEDED in 2.2 s: 12,345 rows, 20 requests, 0 retries}, the human form. */
    public String summary() {
        String line = String.format(Locale.ROOT, "%s %s in %.1f s: %,d rows, %,d requests, %,d retries", step, status,
                ms / 1000.0, rowsLoaded, apiRequests, retries);
        if (!failedSymbols.isEmpty()) {
            line += String.format(Locale.ROOT, ", %,d symbols failed", failedSymbols.size());
        }
        if (rebasedRefetched + rebasedScaled > 0) {
            line += String.format(Locale.ROOT, ", %,d rows re-based (%,d refetched, %,d scaled)",
                    rebasedRefetched + rebasedScaled, rebasedRefetched, rebasedScaled);
        }
        if (strategy != null && !strategy.equals("per-symbol")) {
            line += ", " + strategy;
        }
        if (!unitsLeft.isEmpty()) {
            line += String.format(Locale.ROOT, ", %,d bulk units left", unitsLeft.size());
        }
        return error == null ? line : line + " (" + error + ")";
    }
}
