package org.marketetl.simulator;

/**
 * One element of {@code /stable/batch-quote} (same shape as {@code /stable/quote});
 * names, order and JSON types as FMP sends them. {@code timestamp} is epoch seconds.
 */
public record Quote(
        String symbol,
        String name,
        double price,
        double changePercentage,
        double change,
        long volume,
        double dayLow,
        double dayHigh,
        double yearHigh,
        double yearLow,
        long marketCap,
        double priceAvg50,
        double priceAvg200,
        String exchange,
        double open,
        double previousClose,
        long timestamp) {
}
