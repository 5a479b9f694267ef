package org.marketetl.warehouse;

import java.math.BigDecimal;
import java.nio.file.Path;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection, counted: every statement sent goes through here so the run can report how many
 * it issued. Values are always bound as parameters, never spliced into SQL text.
 */
public final class WarehouseSession {

    private static final DateTimeFormatter UTC_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final Dialect dialect;
    private final AtomicLong statements;
    private final int bindValuesPerBatch;
    private final Path stageDirectory;

    WarehouseSession(Connection connection, Dialect dialect, AtomicLong statements, int bindValuesPerBatch,
            Path stageDirectory) {
        this.connection = connection;
        this.dialect = dialect;
        this.statements = statements;
        this.bindValuesPerBatch = bindValuesPerBatch;
        this.stageDirectory = stageDirectory;
    }

    /** Where this session's stage files are written ({@code market-etl.warehouse.stage-directory}). */
    Path stageDirectory() {
        return stageDirectory;
    }

    /** Executes one statement with positional parameters; answers the update count. */
    public int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 0, params);
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
            bind(statement, 0, params);
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
     * INSERTs rows into {@code table} in batches of at most the configured number of bind values,
     * each batch one request to the warehouse (see {@link Dialect#insertsAsMultiRowValues()}).
     * Answers the rows inserted.
     */
    public long insertBatches(String table, List<String> columns, List<Object[]> rows) throws SQLException {
        int batchRows = rowsPerBatch(columns.size());
        for (int from = 0; from < rows.size(); from += batchRows) {
            List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + batchRows));
            if (dialect.insertsAsMultiRowValues()) {
                insertAsValues(table, columns, batch);
            } else {
                insertAsBatch(table, columns, batch);
            }
        }
        return rows.size();
    }

    /**
     * Loads a finished stage file into a staging table: on DuckDB one {@code COPY} reading the
     * local file; on Snowflake a {@code PUT} to the table's stage and one {@code COPY INTO}. Either
     * way the statements are the same for ten rows or ten million. A row the warehouse cannot read
     * fails the statement (neither COPY skips rows), so every row written is loaded or none is.
     */
    void copyIntoStage(String table, List<String> columns, StageFile file) throws SQLException {
        Map<String, String> names = Map.of("{table}", name(table),
                "{columns}", String.join(", ", columns.stream().map(WarehouseSession::name).toList()),
                "{file}", file.finish().toString(), "{folder}", file.id());
        if (dialect == Dialect.DUCKDB) {
            execute(stageStatement("stage-copy-duckdb.sql", names));
        } else {
            execute(stageStatement("stage-put-snowflake.sql", names));
            execute(stageStatement("stage-copy-snowflake.sql", names));
        }
    }

    private static String stageStatement(String resource, Map<String, String> names) {
        String sql = SqlResource.statements(SqlResource.load(WarehouseSession.class, resource)).get(0);
        for (Map.Entry<String, String> name : names.entrySet()) {
            sql = sql.replace(name.getKey(), name.getValue());
        }
        return sql;
    }

    /** Rows of {@code columns} values that make one full batch. */
    private int rowsPerBatch(int columns) {
        return Math.max(1, bindValuesPerBatch / columns);
    }

    private void insertAsBatch(String table, List<String> columns, List<Object[]> batch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertSql(table, columns, 1))) {
            for (Object[] row : batch) {
                bind(statement, 0, row);
                statement.addBatch();
            }
            statements.incrementAndGet();
            statement.executeBatch();
        }
    }

    private void insertAsValues(String table, List<String> columns, List<Object[]> batch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertSql(table, columns, batch.size()))) {
            int offset = 0;
            for (Object[] row : batch) {
                bind(statement, offset, row);
                offset += row.length;
            }
            statements.incrementAndGet();
            statement.executeUpdate();
        }
    }

    /**
     * Every table or column name spliced into SQL passes through here (values never are; they
     * are bound). Callers pass constants (StagedTable, the ledger's and fetch log's column lists);
     * the check keeps it so: a name is a plain identifier or the statement is never built.
     */
    static String name(String identifier) {
        if (!ConfiguredIdentifiers.IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: '" + identifier + "'");
        }
        return identifier;
    }

    private static String insertSql(String table, List<String> columns, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return "INSERT INTO " + name(table) + " (" + String.join(", ", columns.stream().map(WarehouseSession::name).toList())
                + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
    }

    private static void bind(PreparedStatement statement, int offset, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            int index = offset + i + 1;
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
