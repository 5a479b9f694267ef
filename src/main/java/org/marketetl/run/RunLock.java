package org.marketetl.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.RunConfig;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;
import org.marketetl.warehouse.WarehouseException;

import io.quarkus.logging.Log;

/**
 * The run lock in the ledger (table RUN_LOCK): two runs never write at once, even if reserved
 * concurrency is changed or a local run meets a deployed one on the same warehouse. A run takes
 * the lock with one conditional UPDATE, waits a bounded time while another run holds it, and is
 * refused after that with the holder's run id. The lock expires (16 minutes by default, above
 * Lambda's 15-minute limit), so a holder that crashed blocks runs for at most that long.
 * Its statements are bookkeeping, not a run's work, and are not counted in the run's report
 * ({@link Warehouse#withUncountedSession}).
 */
@ApplicationScoped
public class RunLock {

    /** How often a waiting run tries again: runs take seconds to minutes, the warehouse ~0.1-1 s a statement. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Warehouse warehouse;
    private final RunConfig.Lock config;

    public RunLock(Warehouse warehouse, RunConfig config) {
        this.warehouse = warehouse;
        this.config = config.lock();
    }

    /**
     * Takes the lock for {@code runId}, waiting at most the configured time; the answer releases
     * it when closed. Blocks the calling thread while it waits (the handler's own thread).
     *
     * @throws RunLockedException when another run still holds it after the wait
     */
    public Held acquire(String runId) {
        long giveUp = System.nanoTime() + config.waitFor().toNanos();
        WarehouseException lastError = null;
        while (true) {
            try {
                if (tryAcquire(runId)) {
                    Log.debugf("run %s holds the run lock", runId);
                    return new Held(runId);
                }
                lastError = null;
            } catch (WarehouseException e) {
                // Two runs updating the row at once: DuckDB refuses one with a conflict. Try again.
                lastError = e;
            }
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                break;
            }
            pause(Math.min(left, POLL.toNanos()));
        }
        Optional<Holder> holder = holder();
        if (holder.isEmpty() && lastError != null) {
            throw lastError;
        }
        throw new RunLockedException(holder.map(h -> "another run holds the run lock: " + h.runId() + " (since "
                + h.acquiredAt() + ", expires " + h.expiresAt() + ")").orElse("the run lock was busy")
                + "; run " + runId + " was not started after waiting " + config.waitFor().toSeconds()
                + " s. Try again when that run has finished.");
    }

    private boolean tryAcquire(String runId) {
        Instant now = Instant.now();
        int taken = warehouse.withUncountedSession(session -> session.update(
                SqlResource.load(RunLock.class, "run-lock-acquire.sql"), runId, now, now.plus(config.expiry()), now));
        return taken == 1;
    }

    private Optional<Holder> holder() {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        List<Holder> rows = warehouse.withUncountedSession(session -> session.query(
                "SELECT HOLDER, ACQUIRED_AT, EXPIRES_AT FROM RUN_LOCK WHERE LOCK_NAME = 'pipeline' AND HOLDER IS NOT NULL",
                row -> new Holder(row.getString(1), instant(row.getTimestamp(2, utc)), instant(row.getTimestamp(3, utc)))));
        return rows.stream().findFirst();
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunLockedException("interrupted while waiting for the run lock");
        }
    }

    /** Who holds the lock. */
    private record Holder(String runId, Instant acquiredAt, Instant expiresAt) {
    }

    /** The lock, held; closing releases it. */
    public final class Held implements AutoCloseable {

        private final String runId;

        private Held(String runId) {
            this.runId = runId;
        }

        /**
         * Releases the lock. A release that fails (warehouse unreachable) is logged, not thrown: the
         * run's own outcome matters more, and the lock expires by itself.
         */
        @Override
        public void close() {
            try {
                warehouse.withUncountedSession(session -> session.update(SqlResource.load(RunLock.class,
                        "run-lock-release.sql"), runId));
            } catch (RuntimeException e) {
                Log.warnf("could not release the run lock of run %s (it expires by itself): %s", runId,
                        e.getMessage());
            }
        }
    }
}
