package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.List;

/** Everything generated for one symbol, valid up to {@code horizon} (asOf may move up to it). */
record SymbolData(CompanyTraits traits, PriceSeries prices, StatementSeries statements, SplitSchedule splits,
        LocalDate horizon) {

    static SymbolData generate(String symbol, LocalDate horizon, SplitSchedule splits) {
        return generate(CompanyTraits.of(symbol), horizon, splits);
    }

    static SymbolData generate(CompanyTraits traits, LocalDate horizon, SplitSchedule splits) {
        return new SymbolData(traits, new PriceSeries(traits, horizon), new StatementSeries(traits, horizon, splits),
                splits, horizon);
    }

    /**
     * Diluted shares of the latest quarter filed by {@code asOf}, brought to the share basis of
     * {@code asOf} (times the splits since its period end): what market cap is priced on.
     */
    long sharesOutstanding(LocalDate asOf) {
        List<QuarterlyReport> latest = statements.filedNewestFirst(asOf, 1);
        if (latest.isEmpty()) {
            return Math.round(traits.startShares() / splits.factorAfter(asOf));
        }
        QuarterlyReport q = latest.get(0);
        return Math.round(q.income().weightedAverageShsOutDil()
                * splits.factorBetween(q.quarter().periodEnd(), asOf));
    }
}
