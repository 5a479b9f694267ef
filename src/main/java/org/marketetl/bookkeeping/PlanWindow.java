package org.marketetl.bookkeeping;

import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.RateLimiter;
import org.marketetl.marketdata.RecentCalls;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.logging.Log;

/**
 * The FMP plan's rate window across invocations (table MARKET_DATA_CALLS). FMP limits calls per
 * API key, and a run that outlives one invocation continues in a fresh process whose limiter knows
 * nothing: without this, each invocation could start a full window the plan does not give. A run
 * {@link #resume resumes} the window before its first call (one SELECT) and {@link #record records}
 * it at its end (one UPDATE); the run lock makes runs sequential, so the last record is the last
 * run's.
 *
 * <p>Neither statement may fail the run: losing the record costs at worst a few 429 answers, which
 * the client's retries absorb, while failing the run would waste all its work.
 */
@ApplicationScoped
public class PlanWindow {

    private final Warehouse warehouse;
    private final RateLimiter limiter;

    public PlanWindow(Warehouse warehouse, RateLimiter limiter) {
        this.warehouse = warehouse;
        this.limiter = limiter;
    }

    /** Seeds the limiter with the calls the last run made in the window that is still open. */
    public void resume() {
        try {
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            List<RecentCalls> stored = warehouse.bookkeeping(session -> session.query(
                    SqlResource.load(PlanWindow.class, "plan-window-read.sql"),
                    row -> new RecentCalls(row.getInt(1), instant(row.getTimestamp(2, utc)), row.getString(3))));
            stored.stream().findFirst().ifPresent(recent -> {
                Log.debugf("plan window: %d calls of an earlier run, the last at %s", recent.count(), recent.lastCall());
                limiter.seed(recent);
            });
        } catch (RuntimeException e) {
            Log.warnf("could not read the calls of the previous run; counting only this process's: %s",
                    e.getMessage());
        }
    }

    /** Stores what this process has spent of the open window, for the next invocation. */
    public void record() {
        RecentCalls recent = limiter.recentCalls();
        if (recent.count() == 0) {
            return; // nothing in the window: the stored record, if any, has expired as well
        }
        try {
            warehouse.bookkeeping(session -> session.update(SqlResource.load(PlanWindow.class,
                    "plan-window-write.sql"), recent.count(), recent.lastCall(), recent.recordedBy(), Instant.now()));
        } catch (RuntimeException e) {
            Log.warnf("could not record this run's calls for the next invocation: %s", e.getMessage());
        }
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
