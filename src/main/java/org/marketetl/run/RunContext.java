package org.marketetl.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a step needs to know about the run it belongs to.
 *
 * @param request        the validated request (its universe resolved to symbols)
 * @param asOf           the business date of the run: prices up to this day
 * @param deadline       when to stop starting new work (steps check it per symbol or bulk unit)
 * @param bulkUnitsLeft  the bulk units (parts, periods, days) an earlier invocation of the run left
 *                       to this one; empty when the step starts afresh
 * @param delistedOn     the run's symbols that are delisted, with their delisting dates (from
 *                       SECURITY): their data, once loaded after that date, is final
 * @param runStartedAt   when the run's first invocation started
 */
public record RunContext(RunRequest request, LocalDate asOf, Deadline deadline, List<String> bulkUnitsLeft,
        Map<String, LocalDate> delistedOn, Instant runStartedAt) {

    public RunContext {
        bulkUnitsLeft = List.copyOf(bulkUnitsLeft);
        delistedOn = Map.copyOf(delistedOn);
    }

    /** A run starting now, with no delisted symbols known. */
    public RunContext(RunRequest request, LocalDate asOf, Deadline deadline) {
        this(request, asOf, deadline, List.of(), Map.of(), Instant.now());
    }

    /** First price date of a full history: the request's start date, or {@code years} before {@link #asOf}. */
    public LocalDate historyStart(int years) {
        return request.startDate().orElse(asOf.minusYears(years));
    }

    /**
     * This run narrowed to what one step still has to do in this invocation: {@code symbols}, and
     * the bulk units an earlier invocation left.
     */
    RunContext forStep(List<String> symbols, List<String> unitsLeft) {
        return new RunContext(request.withSymbols(symbols), asOf, deadline, unitsLeft, delistedOn, runStartedAt);
    }
}
