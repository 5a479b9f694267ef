package org.marketetl.benchmark;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fingerprints of the tables a scenario loaded, read from its DuckDB file after its child has ended:
 * per table its row count and a checksum over every row, write times ({@code LOADED_AT},
 * {@code COMPUTED_AT}) left out. The checksum is the sum of a 64-bit hash of each row's values
 * (decimals without trailing zeros), so row order does not matter and two loads of the same data,
 * however fetched, match.
 */
final class TableFingerprints {

    static final List<String> TABLES = List.of("COMPANY", "DAILY_PRICE", "INCOME_STATEMENT", "BALANCE_SHEET",
            "CASH_FLOW", "SPLIT", "DIVIDEND", "FINANCIALS_TTM", "FINANCIAL_RATIOS", "MARKET_METRICS");
    private static final Set<String> WRITE_TIMES = Set.of("LOADED_AT", "COMPUTED_AT");

    private TableFingerprints() {
    }

    static Map<String, String> of(Path duckdbFile) throws SQLException {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + duckdbFile.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    fingerprints.put(table, fingerprint(rows));
                }
            }
        }
        return fingerprints;
    }

    private static String fingerprint(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        long count = 0;
        long sum = 0;
        StringBuilder row = new StringBuilder(256);
        while (rows.next()) {
            row.setLength(0);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (WRITE_TIMES.contains(meta.getColumnName(i).toUpperCase(Locale.ROOT))) {
                    continue;
                }
                Object value = rows.getObject(i);
                row.append(value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString()
                        : String.valueOf(value)).append('\u001f');
            }
            sum += hash(row.toString());
            count++;
        }
        return String.format(Locale.ROOT, "%d:%016x", count, sum);
    }

    /** FNV-1a over the UTF-8 bytes, then mixed (SplitMix64's finaliser). */
    private static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
