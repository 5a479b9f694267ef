package org.marketetl.simulator;

import java.math.BigDecimal;

/** JSON rows of the split endpoints, field names and order as FMP sends them. */
final class SplitRows {

    private SplitRows() {
    }

    /** One row of {@code /stable/splits?symbol=}. */
    record Split(String symbol, String date, BigDecimal numerator, BigDecimal denominator) {
        static Split of(SplitEvent e) {
            return new Split(e.symbol(), e.date().toString(), e.numerator(), e.denominator());
        }
    }

    /**
     * One row of {@code /stable/splits-calendar}: the same keys plus {@code splitType}, which FMP
     * leaves null for some rows; here "forward" / "reverse" for whole ratios, null for odd ones.
     */
    record CalendarSplit(String symbol, String date, BigDecimal numerator, BigDecimal denominator, String splitType) {
        static CalendarSplit of(SplitEvent e) {
            boolean whole = e.numerator().stripTrailingZeros().scale() <= 0
                    && e.denominator().stripTrailingZeros().scale() <= 0
                    && (e.numerator().compareTo(BigDecimal.ONE) == 0 || e.denominator().compareTo(BigDecimal.ONE) == 0);
            String type = !whole ? null : e.numerator().compareTo(e.denominator()) >= 0 ? "forward" : "reverse";
            return new CalendarSplit(e.symbol(), e.date().toString(), e.numerator(), e.denominator(), type);
        }
    }

    /** One row of {@code /stable/historical-price-eod/non-split-adjusted}: prices as they traded. */
    record UnadjustedBar(String symbol, String date, double adjOpen, double adjHigh, double adjLow, double adjClose,
            long volume) {
        static UnadjustedBar of(PriceBar b) {
            return new UnadjustedBar(b.symbol(), b.date(), b.open(), b.high(), b.low(), b.close(), b.volume());
        }
    }
}
