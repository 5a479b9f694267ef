package org.marketetl.warehouse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
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
    /** This warehouse's directory in the stage directory, found at first use. */
    private volatile Path warehouseStage;
    /** The stage files of the run holding the run lock here, if one does in this process. */
    private RunStage runStage;

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

    /**
     * A pooled connection. A warehouse file held by another process (local DuckDB), or a pool that
     * gave no connection in time (a loaded machine), is said in one line an operator can act on.
     */
    private Connection connect() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            Optional<WarehouseInUseException> inUse = WarehouseInUseException.of(e);
            if (inUse.isPresent()) {
                throw inUse.get();
            }
            throw WarehouseUnavailableException.of(e, config.datasource(),
                    dataSource.getConfiguration().connectionPoolConfiguration().acquisitionTimeout()).orElseThrow(() -> e);
        }
    }

    private WarehouseSession session(Connection connection, AtomicLong counter) throws SQLException {
        if (dialect == null) {
            dialect = Dialect.of(connection);
        }
        return new WarehouseSession(connection, dialect, counter, config.bindValuesPerBatch(), stageDirectory());
    }

    /**
     * Gives the run that has just taken this warehouse's run lock a stage directory of its own
     * (named by its run id and lock owner token, under this warehouse's directory), and removes
     * every other run's directory there first: holding the lock, this run is the only one that
     * may load into this warehouse, so any other directory of this warehouse belongs to a run that
     * died — the one whose lock it took over, or one that died in this container while another
     * took the lock elsewhere. Never by age, and never another warehouse's: runs on other
     * warehouses sharing the stage directory have directories of their own. Close the answer when
     * the run ends, before releasing the lock; that deletes the run's directory. A directory that
     * cannot be removed is logged, never fatal: it costs disk space, not data.
     */
    public synchronized RunStage stageFilesOf(String runId, String owner) {
        if (runStage != null) {
            throw new IllegalStateException("run " + runId + " holds the run lock, but this process still has "
                    + "the stage files of another run open in " + runStage.directory());
        }
        Path warehouseDirectory = warehouseStageDirectory();
        Path own = StageDirectory.ofRun(warehouseDirectory, runId, owner);
        try {
            List<Path> removed = StageDirectory.removeRunsOtherThan(warehouseDirectory, own);
            if (!removed.isEmpty()) {
                Log.infof("removed the stage files that dead run invocations left on this warehouse: %s", removed);
            }
        } catch (IOException | RuntimeException e) {
            Log.warnf("could not remove stage files of dead runs in %s: %s", warehouseDirectory, e.getMessage());
        }
        RunStage stage = new RunStage(own, this::runEnded);
        runStage = stage;
        return stage;
    }

    private synchronized void runEnded() {
        runStage = null;
    }

    /**
     * Where a session's stage files are written: the directory of the run holding the lock, or,
     * for work outside a run (tests of a load), this warehouse's directory itself.
     */
    private synchronized Path stageDirectory() {
        return runStage != null ? runStage.directory() : warehouseStageDirectory();
    }

    /**
     * This warehouse's directory in the stage directory (the configured one, or the JVM's
     * temporary directory): the same for every process on the same warehouse.
     */
    private Path warehouseStageDirectory() {
        Path directory = warehouseStage;
        if (directory == null) {
            Path root = config.stageDirectory().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
            directory = StageDirectory.ofWarehouse(root,
                    dataSource.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl());
            warehouseStage = directory;
        }
        return directory;
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
