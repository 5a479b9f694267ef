package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.List;

/** Everything generated for one symbol, valid up to {@code horizon} (asOf may move up to it). */
record SymbolData(CompanyTraits traits, PriceSeries prices, StatementSeries statements, LocalDate horizon) {

    static SymbolData generate(String symbol, LocalDate horizon) {
        CompanyTraits traits = CompanyTraits.of(symbol);
        return new SymbolData(traits, new PriceSeries(traits, horizon), new StatementSeries(traits, horizon), horizon);
    }

    /** Diluted shares of the latest quarter filed by {@code asOf}: what market cap is priced on. */
    long sharesOutstanding(LocalDate asOf) {
        List<QuarterlyReport> latest = statements.filedNewestFirst(asOf, 1);
        return latest.isEmpty() ? traits.startShares() : latest.get(0).income().weightedAverageShsOutDil();
    }
}
