package org.marketetl.run;

import java.util.List;
import org.marketetl.report.StepStatus;
import org.marketetl.report.SymbolFailure;

/**
 * What a step did, as the step itself knows it; the timing wrapper adds the clock and the
 * market-data counts (which it keeps even when the step throws).
 *
 * @param symbols        symbols the step worked on (0 for warehouse-only steps)
 * @param rowsExtracted  rows read from the market-data API (0 for warehouse-only steps)
 * @param rowsLoaded     target rows inserted or changed
 * @param failedSymbols  symbols that failed, with reasons
 * @param rebased        stored rows a new split re-based (the price step)
 */
public record StepOutcome(
        int symbols,
        long rowsExtracted,
        long rowsLoaded,
        List<SymbolFailure> failedSymbols,
        Rebased rebased) {

    public StepOutcome {
        failedSymbols = List.copyOf(failedSymbols);
    }

    /** A step that re-based nothing. */
    public StepOutcome(int symbols, long rowsExtracted, long rowsLoaded, List<SymbolFailure> failedSymbols) {
        this(symbols, rowsExtracted, rowsLoaded, failedSymbols, Rebased.NONE);
    }

    /**
     * Stored price rows brought to a new split's basis, each way.
     *
     * @param refetched fetched again from FMP (the rows it still serves)
     * @param scaled    scaled by the split's factor in the warehouse (those older than it serves)
     */
    public record Rebased(long refetched, long scaled) {
        public static final Rebased NONE = new Rebased(0, 0);
    }

    /** SUCCEEDED, or PARTIAL when some symbols failed, or FAILED when every symbol did. */
    StepStatus status() {
        if (failedSymbols.isEmpty()) {
            return StepStatus.SUCCEEDED;
        }
        return failedSymbols.size() >= symbols ? StepStatus.FAILED : StepStatus.PARTIAL;
    }

    /** Symbols finished: all it worked on but those the deadline kept from starting. */
    long symbolsDone() {
        return symbols - failedSymbols.stream().filter(f -> SymbolFailure.NOT_STARTED.equals(f.reason())).count();
    }

    /** A warehouse-only step that changed {@code rowsLoaded} rows. */
    public static StepOutcome derived(long rowsLoaded) {
        return new StepOutcome(0, 0, rowsLoaded, List.of());
    }
}
