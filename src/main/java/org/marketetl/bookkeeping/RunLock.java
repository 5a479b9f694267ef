package org.marketetl.bookkeeping;

import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
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
 * refused after that with the holder's run id.
 *
 * <p>The lock belongs to a run id, not to an invocation: the same run continuing in a new
 * invocation, or retrying after its last invocation died, takes it at once. While a run works its
 * lock is renewed ({@code lock.renew-every}), so it can expire soon ({@code lock.expiry}, two
 * minutes by default): a holder that died (killed, timed out, out of memory) blocks other runs for
 * at most that long, and the run that takes over learns whose lock it was, so the ledger can record
 * the dead run. Its statements are bookkeeping, not counted as the run's.
 */
@ApplicationScoped
public class RunLock {

    /** How often a waiting run tries again: runs take seconds to minutes, the warehouse ~0.1-1 s a statement. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Warehouse warehouse;
    private final RunConfig.Lock config;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "run-lock-renewal");
        thread.setDaemon(true);
        return thread;
    });

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
                Optional<Holder> before = holder();
                if (tryAcquire(runId)) {
                    Log.debugf("run %s holds the run lock", runId);
                    return new Held(runId, before.filter(h -> !h.runId().equals(runId)));
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
                + h.acquiredAt() + ", expires " + h.expiresAt() + " unless it renews it)").orElse("the run lock was busy")
                + "; run " + runId + " was not started after waiting " + config.waitFor().toSeconds()
                + " s. Try again when that run has finished.");
    }

    private boolean tryAcquire(String runId) {
        Instant now = Instant.now();
        int taken = warehouse.bookkeeping(session -> session.update(
                SqlResource.load(RunLock.class, "run-lock-acquire.sql"), runId, now, now.plus(config.expiry()), runId,
                now));
        return taken == 1;
    }

    private Optional<Holder> holder() {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        List<Holder> rows = warehouse.bookkeeping(session -> session.query(
                SqlResource.load(RunLock.class, "run-lock-holder.sql"),
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

    @PreDestroy
    void shutdown() {
        renewals.shutdownNow();
    }

    /**
     * Who holds the lock.
     *
     * @param runId      the holder's run id
     * @param acquiredAt when it took the lock
     * @param expiresAt  when the lock lapses unless renewed
     */
    public record Holder(String runId, Instant acquiredAt, Instant expiresAt) {
    }

    /** The lock, held; closing releases it. */
    public final class Held implements AutoCloseable {

        private final String runId;
        private final Optional<Holder> tookOverFrom;
        private ScheduledFuture<?> renewal;
        /** Held while a renewal runs; stopping takes it, so no renewal is half-way when the run records its end. */
        private final Object renewing = new Object();
        private boolean stopped;

        private Held(String runId, Optional<Holder> tookOverFrom) {
            this.runId = runId;
            this.tookOverFrom = tookOverFrom;
        }

        /** The other run whose expired lock this one took over: it died holding it. */
        public Optional<Holder> tookOverFrom() {
            return tookOverFrom;
        }

        /**
         * Renews the lock every {@code lock.renew-every} until closed, and each time also runs
         * {@code alongside} (the run records its progress). A failed renewal is logged, not thrown:
         * the run's own work goes on, and the next renewal tries again.
         */
        public void renewWhileRunning(Runnable alongside) {
            long every = config.renewEvery().toMillis();
            renewal = renewals.scheduleAtFixedRate(() -> renewOnce(alongside), every, every, TimeUnit.MILLISECONDS);
        }

        private void renewOnce(Runnable alongside) {
            synchronized (renewing) {
                if (stopped) {
                    return;
                }
                try {
                    int renewed = warehouse.bookkeeping(session -> session.update(
                            SqlResource.load(RunLock.class, "run-lock-renew.sql"), Instant.now().plus(config.expiry()),
                            runId));
                    if (renewed == 0) {
                        Log.errorf("run %s lost the run lock (another run took it over after it expired); "
                                + "check why renewals stopped for longer than %s", runId, config.expiry());
                    }
                    alongside.run();
                } catch (RuntimeException e) {
                    Log.warnf("could not renew the run lock of run %s (tried again in %s): %s", runId,
                            config.renewEvery(), e.getMessage());
                }
            }
        }

        /**
         * Stops renewing, waiting for a renewal under way: after this, no progress record of the
         * run can land on top of the report it records next.
         */
        public void stopRenewing() {
            synchronized (renewing) {
                stopped = true;
            }
            if (renewal != null) {
                renewal.cancel(false);
            }
        }

        /**
         * Stops renewing and releases the lock. A release that fails (warehouse unreachable) is
         * logged, not thrown: the run's own outcome matters more, and the lock lapses by itself.
         */
        @Override
        public void close() {
            stopRenewing();
            try {
                warehouse.bookkeeping(session -> session.update(SqlResource.load(RunLock.class,
                        "run-lock-release.sql"), runId));
            } catch (RuntimeException e) {
                Log.warnf("could not release the run lock of run %s (it lapses by itself): %s", runId,
                        e.getMessage());
            }
        }
    }
}
