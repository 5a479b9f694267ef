package org.marketetl.simulator;

import java.math.BigDecimal;

/** Rounding as FMP prints it: prices to cents, percentages to 5 places, vwap to 4. */
final class Money {

    private Money() {
    }

    private static final double[] SCALE = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

    /**
     * Half-up rounding by scaling: BigDecimal would be exact but costs ~1 µs a call, and a
     * five-year history rounds ~8,000 values per request. Values stay far below 2^53 / 1e6.
     */
    static double round(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0.0;
        }
        double scale = SCALE[places];
        return Math.signum(value) * Math.floor(Math.abs(value) * scale + 0.5 + 1e-9) / scale;
    }

    static double ceilCents(double value) {
        return Math.ceil(value * 100 - 1e-7) / 100;
    }

    static double floorCents(double value) {
        return Math.floor(value * 100 + 1e-7) / 100;
    }

    static double cents(double value) {
        return round(value, 2);
    }

    /** Plain decimal text without exponent or trailing zeros, e.g. for the profile "range". */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
