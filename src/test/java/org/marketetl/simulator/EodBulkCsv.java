package org.marketetl.simulator;

import java.util.Locale;

/**
 * Lines of {@code /stable/eod-bulk?date=}. FMP answers bulk endpoints in CSV, columns
 * {@code symbol,date,open,low,high,close,adjClose,volume} (note low before high). Text cells are
 * quoted as in FMP's bulk files; numbers are bare. The prices are as traded that day; adjClose
 * equals close (dividends are not simulated).
 */
final class EodBulkCsv {

    static final String HEADER = "\"symbol\",\"date\",\"open\",\"low\",\"high\",\"close\",\"adjClose\",\"volume\"\n";

    private EodBulkCsv() {
    }

    /** {@code b}'s line under the ticker {@code symbol} (a generated security shows its prototype's bar). */
    static String row(String symbol, PriceBar b) {
        return '"' + symbol + "\",\"" + b.date() + "\"," + Money.plain(b.open()) + ',' + Money.plain(b.low()) + ','
                + Money.plain(b.high()) + ',' + Money.plain(b.close()) + ',' + Money.plain(b.close()) + ','
                + b.volume() + '\n';
    }

    /** A row with too few cells and a non-number, for the malformed-answer fault. */
    static String broken(String symbol, String date) {
        return String.format(Locale.ROOT, "\"%s\",\"%s\",n/a%n", symbol, date);
    }
}
