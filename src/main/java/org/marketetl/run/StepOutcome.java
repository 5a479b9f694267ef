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
 * @param strategy       how it fetched ({@code per-symbol}, {@code bulk}, ...), null for
 *                       warehouse-only steps
 * @param strategyReason why, with the costs compared
 * @param unitsLeft      bulk units the deadline kept from starting
 * @param unitsDone      bulk units loaded
 */
public record StepOutcome(
        int symbols,
        long rowsExtracted,
        long rowsLoaded,
        List<SymbolFailure> failedSymbols,
        Rebased rebased,
        String strategy,
        String strategyReason,
        List<String> unitsLeft,
        long unitsDone) {

    public StepOutcome {
        failedSymbols = List.copyOf(failedSymbols);
        unitsLeft = List.copyOf(unitsLeft);
    }

    /** A step that fetched per symbol, or did not fetch, and re-based nothing. */
    public StepOutcome(int symbols, long rowsExtracted, long rowsLoaded, List<SymbolFailure> failedSymbols) {
        this(symbols, rowsExtracted, rowsLoaded, failedSymbols, Rebased.NONE, null, null, List.of(), 0);
    }

    /** A step that fetched per symbol and re-based {@code rebased}. */
    public StepOutcome(int symbols, long rowsExtracted, long rowsLoaded, List<SymbolFailure> failedSymbols,
            Rebased rebased) {
        this(symbols, rowsExtracted, rowsLoaded, failedSymbols, rebased, null, null, List.of(), 0);
    }

    /** The same outcome, fetched as {@code strategy} for {@code reason}, with bulk units left and done. */
    public StepOutcome fetched(String how, String why, List<String> left, long done) {
        return new StepOutcome(symbols, rowsExtracted, rowsLoaded, failedSymbols, rebased, how, why, left, done);
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

    /**
     * SUCCEEDED, or PARTIAL when some symbols failed or bulk units are left, or FAILED when every
     * symbol did.
     */
    StepStatus status() {
        if (!unitsLeft.isEmpty()) {
            return StepStatus.PARTIAL; // the run's next invocation goes on with the units
        }
        if (failedSymbols.isEmpty()) {
            return StepStatus.SUCCEEDED;
        }
        return failedSymbols.size() >= symbols ? StepStatus.FAILED : StepStatus.PARTIAL;
    }

    /**
     * Symbols finished: all it worked on but those the deadline kept from starting; none while bulk
     * units are left (any of them may hold any symbol's rows).
     */
    long symbolsDone() {
        if (!unitsLeft.isEmpty()) {
            return 0;
        }
        return symbols - failedSymbols.stream().filter(f -> SymbolFailure.NOT_STARTED.equals(f.reason())).count();
    }

    /** A warehouse-only step that changed {@code rowsLoaded} rows. */
    public static StepOutcome derived(long rowsLoaded) {
        return new StepOutcome(0, 0, rowsLoaded, List.of());
    }
}
