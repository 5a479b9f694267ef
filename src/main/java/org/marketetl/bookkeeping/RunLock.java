package org.marketetl.bookkeeping;

import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
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
 * refused after that with the holder's run id and whether the holder looks alive.
 *
 * <p>The lock belongs to one invocation of a run id: each acquisition has an owner token of its
 * own. So the same run id invoked twice at once runs once: the second invocation waits like any
 * other run and is refused while the first is alive. A run continuing in a new invocation finds the
 * lock free (its last invocation released it); a retry after an invocation that died takes it
 * over once it has lapsed, as any run would. While a run works its lock is renewed
 * ({@code lock.renew-every}), so it can expire soon ({@code lock.expiry}, two minutes by default):
 * a holder that died (killed, timed out, out of memory) blocks others for at most that long after
 * its last renewal, and the invocation that takes over learns whose lock it was, so the ledger can
 * record the dead run and its stage files can be removed. Its statements are bookkeeping, not
 * counted as the run's.
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
     * Takes the lock for an invocation of {@code runId}, waiting at most the configured time; the
     * answer releases it when closed. Blocks the calling thread while it waits (the handler's own
     * thread).
     *
     * @throws RunLockedException when another invocation (of another run, or of this one) still
     *                            holds it after the wait
     */
    public Held acquire(String runId) {
        String owner = UUID.randomUUID().toString();
        long giveUp = System.nanoTime() + config.waitFor().toNanos();
        WarehouseException lastError = null;
        while (true) {
            try {
                Optional<Holder> before = holder();
                Instant now = Instant.now();
                if (tryAcquire(runId, owner, now)) {
                    Optional<Holder> dead = before.filter(h -> h.expiresAt() != null && h.expiresAt().isBefore(now));
                    dead.ifPresent(h -> Log.infof("run %s took over the run lock of %s, which lapsed at %s without "
                            + "renewal (its invocation died)", runId, h.describe(runId), h.expiresAt()));
                    Log.debugf("run %s holds the run lock (owner %s)", runId, owner);
                    return new Held(runId, owner, dead);
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
        throw new RunLockedException(holder.map(h -> refusal(runId, h, Instant.now()))
                .orElse("the run lock was busy; run " + runId + " was not started after waiting "
                        + config.waitFor().toSeconds() + " s"));
    }

    /**
     * Why {@code runId} was not started, for the caller and the log: who holds the lock, and
     * whether it looks alive. A holder that has missed its renewals has most likely died; then
     * the message says when its lock lapses (a run started after that takes it over), not to wait
     * for a run that will never finish.
     */
    private String refusal(String runId, Holder holder, Instant now) {
        String who = holder.runId().equals(runId)
                ? "run " + runId + " is already running in another invocation, which holds the run lock (since "
                        + holder.acquiredAt() + ")"
                : "another run holds the run lock: " + holder.runId() + " (since " + holder.acquiredAt() + ")";
        String notStarted = "; this invocation of run " + runId + " was not started after waiting "
                + config.waitFor().toSeconds() + " s. ";
        Duration lapsesIn = Duration.between(now, holder.expiresAt());
        String lapses = "its lock lapses at " + holder.expiresAt() + " (in " + Math.max(0, lapsesIn.toSeconds())
                + " s)";
        if (holder.renewedAt() != null && holder.renewedAt().isBefore(now.minus(config.renewEvery().multipliedBy(2)))) {
            return who + notStarted + "It has not renewed the lock since " + holder.renewedAt() + " (a live run renews"
                    + " it every " + config.renewEvery().toSeconds() + " s), so it has most likely died: " + lapses
                    + ", and a run started after that takes it over.";
        }
        return who + notStarted + "Try again when that run has finished; if it has died, " + lapses
                + " without renewal.";
    }

    private boolean tryAcquire(String runId, String owner, Instant now) {
        int taken = warehouse.bookkeeping(session -> session.update(
                SqlResource.load(RunLock.class, "run-lock-acquire.sql"), runId, owner, now, now,
                now.plus(config.expiry()), now));
        return taken == 1;
    }

    private Optional<Holder> holder() {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        List<Holder> rows = warehouse.bookkeeping(session -> session.query(
                SqlResource.load(RunLock.class, "run-lock-holder.sql"),
                row -> new Holder(row.getString(1), row.getString(2), instant(row.getTimestamp(3, utc)),
                        instant(row.getTimestamp(4, utc)), instant(row.getTimestamp(5, utc)))));
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
     * @param owner      the token of the holder's invocation (null for a lock taken before migration V15)
     * @param acquiredAt when it took the lock
     * @param renewedAt  when it last renewed it (null before migration V15)
     * @param expiresAt  when the lock lapses unless renewed
     */
    public record Holder(String runId, String owner, Instant acquiredAt, Instant renewedAt, Instant expiresAt) {

        private String describe(String taker) {
            return runId.equals(taker) ? "an earlier invocation of the same run" : "run " + runId;
        }
    }

    /** The lock, held by one invocation; closing releases it. */
    public final class Held implements AutoCloseable {

        private final String runId;
        private final String owner;
        private final Optional<Holder> tookOverFrom;
        private ScheduledFuture<?> renewal;
        /** Held while a renewal runs; stopping takes it, so no renewal is half-way when the run records its end. */
        private final Object renewing = new Object();
        private boolean stopped;

        private Held(String runId, String owner, Optional<Holder> tookOverFrom) {
            this.runId = runId;
            this.owner = owner;
            this.tookOverFrom = tookOverFrom;
        }

        /** This invocation's token: what its lock, and its stage files' directory, belong to. */
        public String owner() {
            return owner;
        }

        /**
         * The holder whose expired lock this invocation took over: it died holding it. Another run,
         * or an earlier invocation of this one (a retry after a crash).
         */
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
                    Instant now = Instant.now();
                    int renewed = warehouse.bookkeeping(session -> session.update(
                            SqlResource.load(RunLock.class, "run-lock-renew.sql"), now, now.plus(config.expiry()),
                            runId, owner));
                    if (renewed == 0) {
                        Log.errorf("run %s lost the run lock (another invocation took it over after it expired); "
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
                        "run-lock-release.sql"), runId, owner));
            } catch (RuntimeException e) {
                Log.warnf("could not release the run lock of run %s (it lapses by itself): %s", runId,
                        e.getMessage());
            }
        }
    }
}
