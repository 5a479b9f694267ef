package org.marketetl.simulator;

import java.util.Locale;

/**
 * CSV body of {@code /stable/eod-bulk?date=}. FMP answers bulk endpoints in CSV, columns
 * {@code symbol,date,open,low,high,close,adjClose,volume} (note low before high). Text cells are
 * quoted as in FMP's bulk files; numbers are bare. adjClose equals close (no splits simulated).
 */
final class EodBulkCsv {

    static final String HEADER = "\"symbol\",\"date\",\"open\",\"low\",\"high\",\"close\",\"adjClose\",\"volume\"\n";

    private final StringBuilder out = new StringBuilder(HEADER);

    void add(PriceBar b) {
        out.append('"').append(b.symbol()).append("\",\"").append(b.date()).append("\",")
                .append(Money.plain(b.open())).append(',').append(Money.plain(b.low())).append(',')
                .append(Money.plain(b.high())).append(',').append(Money.plain(b.close())).append(',')
                .append(Money.plain(b.close())).append(',').append(b.volume()).append('\n');
    }

    /** A row with too few cells and a non-number, for the malformed-answer fault. */
    void addBroken(String symbol, String date) {
        out.append(String.format(Locale.ROOT, "\"%s\",\"%s\",n/a%n", symbol, date));
    }

    String text() {
        return out.toString();
    }
}
