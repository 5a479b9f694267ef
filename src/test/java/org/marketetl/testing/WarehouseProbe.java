package org.marketetl.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

/**
 * Reads the warehouse for assertions: row counts and an order-independent checksum of every row,
 * computed here rather than in SQL so the same check works on every warehouse.
 */
public final class WarehouseProbe {

    public static final List<String> RAW_TABLES = List.of("COMPANY", "DAILY_PRICE", "INCOME_STATEMENT",
            "BALANCE_SHEET", "CASH_FLOW", "DIVIDEND");

    private final DataSource dataSource;

    public WarehouseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The warehouse the application is configured to use in this test run. */
    public static WarehouseProbe current() {
        String name = ConfigProvider.getConfig().getValue("market-etl.warehouse.datasource", String.class);
        return new WarehouseProbe(Arc.container()
                .select(AgroalDataSource.class, new io.quarkus.agroal.DataSource.DataSourceLiteral(name)).get());
    }

    public long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checksum and row count per table, LOADED_AT included: any change to any row shows. */
    public Map<String, String> fingerprints(List<String> tables) {
        Map<String, String> result = new TreeMap<>();
        for (String table : tables) {
            result.put(table, fingerprint(table));
        }
        return result;
    }

    private String fingerprint(String table) {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            return digest(rows);
        } catch (Exception e) {
            throw new IllegalStateException("cannot fingerprint " + table, e);
        }
    }

    /** Executes one statement (test set-up: hold a lock, forget a symbol); answers the update count. */
    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of a query, as text. */
    public List<String> strings(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> result = new java.util.ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The DOUBLE figures of {@code columns} of MARKET_METRICS for {@code symbols}, column after
     * column, each by symbol and day, NULL as -1: for comparing within a tolerance what fakesnow
     * sums in DOUBLE (src/test/tools/fakesnow.md).
     */
    public List<Double> metricFigures(List<String> columns, List<String> symbols) {
        String in = String.join(", ", java.util.Collections.nCopies(symbols.size(), "?"));
        List<Double> figures = new java.util.ArrayList<>();
        for (String column : columns) {
            strings("SELECT CAST(COALESCE(" + column + ", -1) AS VARCHAR) FROM MARKET_METRICS WHERE SYMBOL IN (" + in
                    + ") ORDER BY SYMBOL, PRICE_DATE", symbols.toArray()).stream().map(Double::valueOf)
                    .forEach(figures::add);
        }
        return figures;
    }

    /** A table's columns, in order, upper case. */
    public List<String> columns(String table) {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            List<String> columns = new java.util.ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                columns.add(rows.getMetaData().getColumnName(i).toUpperCase(java.util.Locale.ROOT));
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checksum and row count per table of the rows of {@code symbols}, over every column but
     * {@code excluded} (e.g. LOADED_AT, which differs between two runs that load the same data).
     */
    public Map<String, String> fingerprints(List<String> tables, java.util.Set<String> excluded, List<String> symbols) {
        Map<String, String> result = new TreeMap<>();
        for (String table : tables) {
            List<String> columns = columns(table).stream().filter(column -> !excluded.contains(column)).toList();
            result.put(table, fingerprint(table, columns, symbols));
        }
        return result;
    }

    /** Checksum and row count of {@code columns} over the rows of {@code symbols} in {@code table}. */
    public String fingerprint(String table, List<String> columns, List<String> symbols) {
        String in = String.join(", ", java.util.Collections.nCopies(symbols.size(), "?"));
        return fingerprintOf(table, "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE SYMBOL IN (" + in
                + ")", symbols.toArray());
    }

    /** Natural keys that occur more than once in {@code table}: empty when every row is loaded once. */
    public List<String> duplicateKeys(String table, List<String> key) {
        String columns = String.join(", ", key);
        return strings("SELECT " + String.join(" || '/' || ", key.stream().map(k -> "CAST(" + k + " AS VARCHAR)").toList())
                + " FROM " + table + " GROUP BY " + columns + " HAVING COUNT(*) > 1");
    }

    private String fingerprintOf(String table, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return digest(rows);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot fingerprint " + table, e);
        }
    }

    private static String digest(ResultSet rows) throws Exception {
        int columns = rows.getMetaData().getColumnCount();
        long count = 0;
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        while (rows.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                row.append(rows.getString(i)).append('\u0001');
            }
            byte[] digest = sha.digest(row.toString().getBytes(StandardCharsets.UTF_8));
            sum = sum.add(new java.math.BigInteger(1, digest));
            count++;
        }
        return count + ":" + HexFormat.of().formatHex(sum.toByteArray());
    }
}
