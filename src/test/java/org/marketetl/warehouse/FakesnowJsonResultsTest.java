package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.WarehouseResource;

/**
 * The packaged tests run the function on production's result path, Snowflake's JSON rowsets
 * ({@code JDBC_QUERY_RESULT_FORMAT=JSON}), with fakesnow started with {@code FAKESNOW_RESULTS=json}
 * (src/test/tools/fakesnow_server.py converts its Arrow answers). Here the real driver reads the
 * same rows of every column type our tables use from both servers, and gets the same values.
 * Runs in the fakesnow pass.
 */
@Tag("warehouse")
class FakesnowJsonResultsTest {

    private static final String ROWS = "SELECT * FROM (VALUES "
            + "(CAST(1 AS BIGINT), CAST('AAPL' AS VARCHAR), CAST('2026-11-24' AS DATE), "
            + "CAST('2026-11-24 13:45:01.123456' AS TIMESTAMP), CAST(123.4567 AS DECIMAL(38,4)), CAST(0.25 AS DOUBLE), TRUE), "
            + "(CAST(-2 AS BIGINT), CAST('' AS VARCHAR), CAST('1969-12-31' AS DATE), "
            + "CAST('1970-01-01 00:00:00' AS TIMESTAMP), CAST(-0.0001 AS DECIMAL(38,4)), CAST(-1e300 AS DOUBLE), FALSE), "
            + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS T(N, S, D, TS, DEC, DBL, B) ORDER BY N NULLS LAST";

    @Test
    void jsonRowsets_readAsTheArrowOnes_throughTheRealDriver() throws Exception {
        assumeTrue(WarehouseResource.current().equals("fakesnow"), "runs in the fakesnow pass");

        List<List<String>> arrow = rowsWith("arrow");
        List<List<String>> json = rowsWith("json");

        assertThat(arrow).hasSize(3);
        assertThat(arrow.get(1)).containsExactly("1", "AAPL", "2026-11-24", "2026-11-24 13:45:01.123456", "123.4567", "0.25",
                "true");
        assertThat(json).isEqualTo(arrow);
    }

    /** The rows of {@link #ROWS} read through a fakesnow answering in {@code results}, each value by its type's getter. */
    private static List<List<String>> rowsWith(String results) throws SQLException {
        String before = System.getProperty(WarehouseResource.RESULTS);
        System.setProperty(WarehouseResource.RESULTS, results);
        WarehouseResource fakesnow = new WarehouseResource();
        try {
            String url = fakesnow.start().get("quarkus.datasource.snowflake.jdbc.url");
            Properties properties = new Properties();
            properties.setProperty("user", "fake");
            properties.setProperty("password", "fake");
            properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
            properties.setProperty("TIMEZONE", "UTC");
            try (Connection connection = DriverManager.getConnection(url, properties);
                    ResultSet result = connection.createStatement().executeQuery(ROWS)) {
                ResultSetMetaData meta = result.getMetaData();
                List<List<String>> rows = new ArrayList<>();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    row.add(result.getObject(1) == null ? null : String.valueOf(result.getLong(1)));
                    row.add(result.getString(2));
                    row.add(result.getDate(3) == null ? null : result.getDate(3).toLocalDate().toString());
                    row.add(result.getTimestamp(4) == null ? null : result.getTimestamp(4).toString().replaceFirst("\\.0$", ""));
                    row.add(result.getBigDecimal(5) == null ? null : result.getBigDecimal(5).toPlainString());
                    row.add(result.getObject(6) == null ? null : String.valueOf(result.getDouble(6)));
                    row.add(result.getObject(7) == null ? null : String.valueOf(result.getBoolean(7)));
                    rows.add(row);
                }
                assertThat(meta.getColumnCount()).isEqualTo(7);
                return rows;
            }
        } finally {
            fakesnow.stop();
            if (before == null) {
                System.clearProperty(WarehouseResource.RESULTS);
            } else {
                System.setProperty(WarehouseResource.RESULTS, before);
            }
        }
    }
}
