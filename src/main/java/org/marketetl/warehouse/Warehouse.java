package org.marketetl.warehouse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.marketetl.config.WarehouseConfig;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.agroal.DataSource;

/**
 * The warehouse as the pipeline sees it: sessions on the configured Agroal datasource, and a
 * count of every statement sent, because on Snowflake each round trip costs 0.1-1.5 s and the
 * statement count is what a run's warehouse time follows.
 */
@ApplicationScoped
public class Warehouse {

    private final AgroalDataSource dataSource;
    private final WarehouseConfig config;
    private final AtomicLong statements = new AtomicLong();
    private volatile Dialect dialect;

    public Warehouse(@Any Instance<AgroalDataSource> dataSources, WarehouseConfig config) {
        this.dataSource = dataSources.select(new DataSource.DataSourceLiteral(config.datasource())).get();
        this.config = config;
    }

    /**
     * Runs {@code work} in one transaction on one pooled connection; commits, or rolls back on
     * failure. A connection that died under the work (dropped by the warehouse, or closed by the
     * pool) cannot roll back, and need not: the warehouse discards an uncommitted transaction with
     * its session. Then the work's own failure is what the caller gets, not the failed rollback's,
     * and the next call borrows a fresh connection (the pool validates each one it lends).
     */
    public <T> T inTransaction(SqlWork<T> work) {
        return transaction(work, statements);
    }

    /**
     * As {@link #inTransaction}, for the run's bookkeeping (run lock, ledger, progress): its
     * statements are not counted, because a run's statement count is what its own work cost, and
     * the lock polls of a waiting run or the progress records of a long one are not that work.
     */
    public <T> T bookkeeping(SqlWork<T> work) {
        return transaction(work, new AtomicLong());
    }

    private <T> T transaction(SqlWork<T> work, AtomicLong counter) {
        try (Connection connection = connect()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(session(connection, counter));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw new WarehouseException(e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            Log.debugf("cannot restore auto-commit on a failed connection: %s", e.getMessage());
        }
    }

    /** Runs read-only or single-statement {@code work} with auto-commit. */
    public <T> T withSession(SqlWork<T> work) {
        try (Connection connection = connect()) {
            return work.run(session(connection, statements));
        } catch (SQLException e) {
            throw new WarehouseException(e);
        }
    }

    /** A pooled connection; a warehouse file held by another process is said in words (local DuckDB). */
    private Connection connect() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw WarehouseInUseException.of(e).orElseThrow(() -> e);
        }
    }

    private WarehouseSession session(Connection connection, AtomicLong counter) throws SQLException {
        if (dialect == null) {
            dialect = Dialect.of(connection);
        }
        return new WarehouseSession(connection, dialect, counter, config.bindValuesPerBatch(), stageDirectory());
    }

    /**
     * Deletes the stage files a dead run left in the stage directory: those untouched for longer
     * than {@code idle}. Called by a run holding the run lock, with the lock's expiry: a live load
     * writes its file as symbols arrive, so only a dead run's file lies still that long (Lambda may
     * reuse the container, and its /tmp, after the process was killed), and a run on another
     * warehouse sharing the directory (a local run beside the tests) keeps its files. A file that
     * cannot be listed or deleted is logged, never fatal: it costs disk space, not data.
     */
    public void removeLeftoverStageFiles(Duration idle) {
        try {
            int removed = StageFile.removeLeftovers(stageDirectory(), Instant.now().minus(idle));
            if (removed > 0) {
                Log.infof("removed %d stage files a dead run left in %s", removed, stageDirectory());
            }
        } catch (IOException | RuntimeException e) {
            Log.warnf("could not remove stage files left by a dead run in %s: %s", stageDirectory(), e.getMessage());
        }
    }

    /** Where stage files are written: the configured directory, or the JVM's temporary directory. */
    private Path stageDirectory() {
        return config.stageDirectory().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")))
                .toAbsolutePath();
    }

    /** Statements sent since the function started; a run reports the difference over its lifetime. */
    public long statementsSent() {
        return statements.get();
    }

    /** Work against one session. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(WarehouseSession session) throws SQLException;
    }
}
