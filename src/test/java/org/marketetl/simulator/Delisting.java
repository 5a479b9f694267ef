package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A symbol delisted on {@code date}: it traded up to the trading day before, filed what it filed by
 * then, and is listed by {@code delisted-companies} from that day on.
 */
public record Delisting(String symbol, LocalDate date) {

    public Delisting {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(date, "date");
    }

    /** {@code SYMBOL:YYYY-MM-DD}, as the simulator's {@code --delisted} option takes it. */
    public static Delisting parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a delisting is SYMBOL:DATE, got " + text);
        }
        return new Delisting(parts[0], LocalDate.parse(parts[1]));
    }
}
