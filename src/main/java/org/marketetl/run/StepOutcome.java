package org.marketetl.run;

import java.util.List;

/**
 * What a step did, as the step itself knows it; the timing wrapper adds the clock.
 *
 * @param symbols        symbols the step worked on (0 for warehouse-only steps)
 * @param rowsExtracted  rows read from the market-data API (0 for warehouse-only steps)
 * @param rowsLoaded     target rows inserted or changed
 * @param apiRequests    HTTP requests sent, retries included
 * @param retries        requests that repeated a failed attempt
 * @param throttled      requests answered with 429 / "Limit Reach"
 * @param failedSymbols  symbols that failed, with reasons
 */
public record StepOutcome(
        int symbols,
        long rowsExtracted,
        long rowsLoaded,
        long apiRequests,
        long retries,
        long throttled,
        List<SymbolFailure> failedSymbols) {

    public StepOutcome {
        failedSymbols = List.copyOf(failedSymbols);
    }

    /** SUCCEEDED, or PARTIAL when some symbols failed, or FAILED when every symbol did. */
    StepStatus status() {
        if (failedSymbols.isEmpty()) {
            return StepStatus.SUCCEEDED;
        }
        return failedSymbols.size() >= symbols ? StepStatus.FAILED : StepStatus.PARTIAL;
    }

    /** A warehouse-only step that changed {@code rowsLoaded} rows. */
    public static StepOutcome derived(long rowsLoaded) {
        return new StepOutcome(0, 0, rowsLoaded, 0, 0, 0, List.of());
    }
}
