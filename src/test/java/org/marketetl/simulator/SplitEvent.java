package org.marketetl.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A stock split the simulator knows: {@code numerator} new shares for {@code denominator} old ones
 * from {@code date} (the ex-date) on. 10 / 1 is a forward 10-for-1 split, 1 / 10 a reverse one;
 * odd ratios such as 1239 / 1000 are allowed, as FMP has them.
 */
public record SplitEvent(String symbol, LocalDate date, BigDecimal numerator, BigDecimal denominator) {

    public SplitEvent {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(date, "date");
        if (numerator.signum() <= 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("a split ratio is positive: " + numerator + "/" + denominator);
        }
    }

    public static SplitEvent of(String symbol, String date, String numerator, String denominator) {
        return new SplitEvent(symbol, LocalDate.parse(date), new BigDecimal(numerator), new BigDecimal(denominator));
    }

    /** Shares after / shares before; what a pre-split price is divided by to be on the new basis. */
    public double factor() {
        return numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
    }
}
