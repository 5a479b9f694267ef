package org.marketetl.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A dividend the simulator knows: {@code amount} per share as declared (on the shares as they were
 * on {@code exDate}, the ex-dividend date), announced on {@code declared} (listed from then on),
 * with FMP's record and payment dates (either may be null: FMP sends "" then) and frequency text.
 */
public record DividendEvent(String symbol, LocalDate exDate, BigDecimal amount, LocalDate declared,
        LocalDate recordDate, LocalDate paymentDate, String frequency) {

    public DividendEvent {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(exDate, "exDate");
        Objects.requireNonNull(declared, "declared");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a dividend is positive: " + amount);
        }
    }

    /** A quarterly dividend declared four weeks ahead, on record the ex-date, paid two weeks after. */
    public static DividendEvent quarterly(String symbol, String exDate, String amount) {
        return of(symbol, exDate, amount, "Quarterly");
    }

    /** A one-off (special) dividend: FMP's frequency "Irregular". */
    public static DividendEvent special(String symbol, String exDate, String amount) {
        return of(symbol, exDate, amount, "Irregular");
    }

    private static DividendEvent of(String symbol, String exDate, String amount, String frequency) {
        LocalDate ex = LocalDate.parse(exDate);
        return new DividendEvent(symbol, ex, new BigDecimal(amount), ex.minusDays(28), ex, ex.plusDays(14),
                frequency);
    }

    /** The same dividend, declared on {@code day} instead. */
    public DividendEvent declaredOn(String day) {
        return new DividendEvent(symbol, exDate, amount, LocalDate.parse(day), recordDate, paymentDate, frequency);
    }
}
