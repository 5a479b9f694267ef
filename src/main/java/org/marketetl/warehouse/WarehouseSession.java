package org.marketetl.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection, counted: every statement sent goes through here so the run can report how many
 * it issued. Values are always bound as parameters, never spliced into SQL text.
 */
public final class WarehouseSession {

    private static final DateTimeFormatter UTC_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final AtomicLong statements;
    private final int batchRows;

    WarehouseSession(Connection connection, AtomicLong statements, int batchRows) {
        this.connection = connection;
        this.statements = statements;
        this.batchRows = batchRows;
    }

    /** Executes one statement with positional parameters; answers the update count. */
    public int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            statements.incrementAndGet();
            return statement.executeUpdate();
        }
    }

    /** Executes a statement that takes no parameters (DDL, scripts). */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statements.incrementAndGet();
            statement.execute(sql);
        }
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            statements.incrementAndGet();
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return Collections.unmodifiableList(result);
            }
        }
    }

    /**
     * INSERTs rows in batches of the configured size: each batch is one request to the warehouse
     * (snowflake-jdbc binds the batch as arrays). Answers the number of rows inserted.
     */
    public long insertBatches(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int inBatch = 0;
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
                if (++inBatch == batchRows) {
                    sendBatch(statement);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                sendBatch(statement);
            }
        }
        return rows.size();
    }

    private void sendBatch(PreparedStatement statement) throws SQLException {
        statements.incrementAndGet();
        statement.executeBatch();
        statement.clearBatch();
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof String s) {
                statement.setString(index, s);
            } else if (value instanceof BigDecimal d) {
                statement.setBigDecimal(index, d);
            } else if (value instanceof Long l) {
                statement.setLong(index, l);
            } else if (value instanceof Integer n) {
                statement.setInt(index, n);
            } else if (value instanceof Double d) {
                statement.setDouble(index, d);
            } else if (value instanceof Boolean b) {
                statement.setBoolean(index, b);
            } else if (value instanceof LocalDate date) {
                statement.setDate(index, Date.valueOf(date));
            } else if (value instanceof Instant instant) {
                // As UTC text, for the SQL to CAST(? AS TIMESTAMP): a java.sql.Timestamp would be
                // shifted by the JVM's time zone, differently by each driver.
                statement.setString(index, UTC_TIMESTAMP.format(instant));
            } else {
                throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
            }
        }
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
