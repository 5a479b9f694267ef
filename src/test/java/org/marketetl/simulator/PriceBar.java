package org.marketetl.simulator;

/**
 * One row of {@code /stable/historical-price-eod/full}, field order and names as FMP sends them.
 * FMP's own rows satisfy change = close - open, changePercent = change / open * 100 (5 places)
 * and vwap = (open + high + low + close) / 4 (checked against a recorded AAPL response), so these do too.
 */
public record PriceBar(
        String symbol,
        String date,
        double open,
        double high,
        double low,
        double close,
        long volume,
        double change,
        double changePercent,
        double vwap) {
}
