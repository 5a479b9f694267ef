package org.marketetl.marketdata;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One day of FMP's {@code eod-bulk} CSV, kept only for the symbols a run wants: header
 * {@code symbol,date,open,low,high,close,adjClose,volume} (low before high), every asset of every
 * exchange, some 90,000 rows. Read as a stream ({@link CsvRows}), row by row, so the day is never
 * whole in memory; columns are found by name.
 *
 * <p>The CSV has no VWAP and no change percent; they are computed as FMP's
 * {@code historical-price-eod/full} rows have them (vwap = (open + high + low + close) / 4 to 4
 * places, change percent = (close - open) / open x 100 to 5), so a day loaded in bulk is the row
 * the per-symbol history would have given. A fractional volume ({@code "475.9"}, FMP has some) is
 * rounded to a whole number, as DAILY_PRICE keeps it. A row that cannot be read fails its symbol,
 * not the file.
 *
 * @param prices    the readable rows of the wanted symbols
 * @param malformed symbol -> why its row could not be read
 */
public record EodBulk(List<EodPrice> prices, Map<String, String> malformed) {

    private static final List<String> REQUIRED = List.of("symbol", "date", "open", "low", "high", "close", "volume");
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Reads a body, keeping the rows of the symbols {@code wanted} accepts. */
    public static EodBulk read(InputStream body, Predicate<String> wanted) throws IOException {
        List<EodPrice> prices = new ArrayList<>();
        Map<String, String> malformed = new HashMap<>();
        try (CsvRows rows = CsvRows.of(body)) {
            boolean headerChecked = false;
            while (rows.next()) {
                if (!headerChecked) {
                    requireColumns(rows);
                    headerChecked = true;
                }
                String symbol = rows.get("symbol");
                if (symbol == null || !wanted.test(symbol)) {
                    continue;
                }
                try {
                    prices.add(price(symbol, rows));
                } catch (NumberFormatException | ArithmeticException | DateTimeParseException | NullPointerException e) {
                    malformed.put(symbol, "eod-bulk row unreadable: " + e.getClass().getSimpleName());
                }
            }
        }
        return new EodBulk(prices, malformed);
    }

    private static void requireColumns(CsvRows rows) {
        for (String name : REQUIRED) {
            if (!rows.hasColumn(name)) {
                throw new MarketDataException(MarketDataException.Kind.MALFORMED,
                        "eod-bulk CSV has no column '" + name + "'");
            }
        }
    }

    private static EodPrice price(String symbol, CsvRows rows) {
        BigDecimal open = new BigDecimal(rows.get("open"));
        BigDecimal high = new BigDecimal(rows.get("high"));
        BigDecimal low = new BigDecimal(rows.get("low"));
        BigDecimal close = new BigDecimal(rows.get("close"));
        long volume = new BigDecimal(rows.get("volume")).setScale(0, RoundingMode.HALF_UP).longValueExact();
        BigDecimal vwap = open.add(high).add(low).add(close).divide(FOUR, 4, RoundingMode.HALF_UP);
        Double changePercent = open.signum() == 0 ? null
                : close.subtract(open).multiply(HUNDRED).divide(open, MathContext.DECIMAL64)
                        .setScale(5, RoundingMode.HALF_UP).doubleValue();
        return new EodPrice(symbol, LocalDate.parse(rows.get("date")), open, high, low, close, volume, null,
                changePercent, vwap);
    }
}
