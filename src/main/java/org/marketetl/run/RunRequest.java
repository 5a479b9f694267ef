package org.marketetl.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.marketetl.report.Step;

/**
 * A validated request for one pipeline run; built only by {@link RunRequestReader}.
 *
 * @param runId     idempotency key and ledger key
 * @param trigger   who asked
 * @param mode      how much to fetch and recompute
 * @param symbols   the universe of this run, upper-case, no duplicates
 * @param startDate first price date for a backfill; empty means the configured history
 * @param steps     the steps to run, a subset of all six
 * @param dryRun    validate and plan only: no API calls, no writes
 * @param universe  a selector of the symbols from the market's list (table SECURITY) instead of
 *                  named ones; {@code symbols} is empty until the pipeline has resolved it
 */
public record RunRequest(
        String runId,
        Trigger trigger,
        Mode mode,
        List<String> symbols,
        Optional<LocalDate> startDate,
        Set<Step> steps,
        boolean dryRun,
        Optional<UniverseSelector> universe) {

    public RunRequest {
        symbols = List.copyOf(symbols);
        steps = Set.copyOf(steps);
        universe = universe == null ? Optional.empty() : universe;
    }

    /** A request that names its symbols. */
    public RunRequest(String runId, Trigger trigger, Mode mode, List<String> symbols, Optional<LocalDate> startDate,
            Set<Step> steps, boolean dryRun) {
        this(runId, trigger, mode, symbols, startDate, steps, dryRun, Optional.empty());
    }

    /** The same request under the run id {@code id}. */
    RunRequest withRunId(String id) {
        return new RunRequest(id, trigger, mode, symbols, startDate, steps, dryRun, universe);
    }

    /**
     * The same request for {@code other} symbols: those its universe selector resolved to, or those a
     * continued run's step has left.
     */
    public RunRequest withSymbols(List<String> other) {
        return new RunRequest(runId, trigger, mode, other, startDate, steps, dryRun, universe);
    }
}
