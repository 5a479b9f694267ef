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
            "BALANCE_SHEET", "CASH_FLOW");

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
        } catch (Exception e) {
            throw new IllegalStateException("cannot fingerprint " + table, e);
        }
    }
}
