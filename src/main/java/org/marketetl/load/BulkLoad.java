package org.marketetl.load;

import java.util.ArrayList;
import java.util.List;

import org.marketetl.report.SymbolFailure;
import org.marketetl.run.StepOutcome;

/**
 * What a step's bulk part did, and what it leaves to the per-symbol part: the step fetches
 * {@link #perSymbol} one by one afterwards (all its symbols when per-symbol was the cheaper way,
 * the ones not covered when the plan refused bulk, none otherwise).
 *
 * @param strategy  {@code bulk}, {@code per-symbol}, or {@code bulk, per-symbol} (bulk refused midway)
 * @param reason    why, with the costs compared
 * @param perSymbol symbols left to fetch per symbol
 * @param loaded    symbols whose data the bulk units brought (all units done)
 * @param failures  symbols that failed in bulk, with reasons
 * @param rows      rows staged from bulk
 * @param unitsLeft units the deadline kept from starting
 * @param unitsDone units loaded
 */
record BulkLoad(String strategy, String reason, List<String> perSymbol, List<String> loaded,
        List<SymbolFailure> failures, long rows, List<String> unitsLeft, long unitsDone) {

    /** Everything per symbol, for {@code reason}. */
    static BulkLoad perSymbol(List<String> symbols, String reason) {
        return new BulkLoad(Strategy.PER_SYMBOL, reason, symbols, List.of(), List.of(), 0, List.of(), 0);
    }

    /** The step's outcome: the bulk part's failures and rows with the per-symbol part's. */
    StepOutcome outcome(int symbols, SymbolExtraction.Result perSymbolResult, long merged) {
        List<SymbolFailure> all = new ArrayList<>(failures);
        all.addAll(perSymbolResult.failures());
        return new StepOutcome(symbols, rows + perSymbolResult.rows(), merged, all).fetched(strategy, reason, unitsLeft,
                unitsDone);
    }

    /** The symbols fetched in this step, in bulk or one by one, that did not fail. */
    List<String> fetched(SymbolExtraction.Result perSymbolResult) {
        List<String> fetched = new ArrayList<>(loaded);
        fetched.addAll(perSymbolResult.succeeded(perSymbol));
        return fetched;
    }
}
