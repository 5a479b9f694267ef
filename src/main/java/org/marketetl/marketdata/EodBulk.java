package org.marketetl.marketdata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One day of FMP's {@code eod-bulk} CSV: header {@code symbol,date,open,low,high,close,adjClose,volume}
 * (low before high; cells may be quoted). Columns are found by name, so a reordered file still
 * reads. A row that cannot be read fails its symbol, not the file. The CSV carries no change,
 * change percent or VWAP: those stay null.
 *
 * @param prices    the readable rows
 * @param malformed symbol -> why its row could not be read
 */
public record EodBulk(List<EodPrice> prices, Map<String, String> malformed) {

    private static final List<String> REQUIRED = List.of("symbol", "date", "open", "low", "high", "close", "volume");

    public static EodBulk parse(String csv) {
        List<EodPrice> prices = new ArrayList<>();
        Map<String, String> malformed = new HashMap<>();
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return new EodBulk(prices, malformed);
        }
        Map<String, Integer> column = columns(cells(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            String symbol = cells.isEmpty() ? "" : cells.get(column.get("symbol"));
            try {
                prices.add(new EodPrice(symbol, LocalDate.parse(cell(cells, column, "date")),
                        new BigDecimal(cell(cells, column, "open")), new BigDecimal(cell(cells, column, "high")),
                        new BigDecimal(cell(cells, column, "low")), new BigDecimal(cell(cells, column, "close")),
                        Long.valueOf(cell(cells, column, "volume")), null, null, null));
            } catch (NumberFormatException | DateTimeParseException | IndexOutOfBoundsException e) {
                malformed.put(symbol, "eod-bulk row unreadable: " + e.getClass().getSimpleName());
            }
        }
        return new EodBulk(prices, malformed);
    }

    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip(), i);
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                throw new MarketDataException(MarketDataException.Kind.MALFORMED,
                        "eod-bulk CSV has no column '" + name + "'");
            }
        }
        return columns;
    }

    private static String cell(List<String> cells, Map<String, Integer> column, String name) {
        return cells.get(column.get(name)).strip();
    }

    /** Splits one CSV line; handles quoted cells with embedded commas and doubled quotes. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
