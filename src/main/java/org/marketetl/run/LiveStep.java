package org.marketetl.run;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.report.Step;

/**
 * One step's counters while it runs, updated by the extraction as each symbol finishes and read by
 * the run's progress (the ledger's RUNNING record, a terminal's progress bars). Symbols the step
 * does not fetch one by one (not due, or covered by a bulk request) count as done once fetching
 * begins; a symbol the deadline kept from starting is not done.
 */
public final class LiveStep {

    /** Counters for work outside a run's steps (a test calling an ETL directly): counts nothing anyone reads. */
    static final LiveStep NONE = new LiveStep(null, 0, new ApiCallCounter());

    private final Step step;
    private final int symbols;
    private final ApiCallCounter calls;
    private final Instant startedAt = Instant.now();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong notStarted = new AtomicLong();
    private final AtomicLong fetched = new AtomicLong();
    private volatile long fetchingSince;
    private volatile boolean fetching;

    LiveStep(Step step, int symbols, ApiCallCounter calls) {
        this.step = step;
        this.symbols = symbols;
        this.calls = calls;
    }

    /** The step begins fetching {@code count} symbols one by one; its other symbols need nothing more. */
    public void fetching(int count) {
        pending.addAndGet(count);
        if (!fetching) {
            fetchingSince = System.nanoTime();
            fetching = true;
        }
    }

    /** A symbol's fetch has ended, with its data or with a failure of its own. */
    public void symbolDone() {
        pending.decrementAndGet();
        fetched.incrementAndGet();
    }

    /** A symbol the deadline kept from starting: left for the run's next invocation, not done. */
    public void symbolNotStarted() {
        pending.decrementAndGet();
        notStarted.incrementAndGet();
    }

    Step step() {
        return step;
    }

    Instant startedAt() {
        return startedAt;
    }

    long requests() {
        return calls.requests();
    }

    /** Symbols done in this invocation: 0 until fetching begins. */
    long symbolsDone() {
        return fetching ? Math.max(0, symbols - pending.get() - notStarted.get()) : 0;
    }

    /**
     * The time the step still needs, or null before it can be told: from the pace of the symbols
     * fetched so far (linear, as progress bars estimate), but never less than the rate windows the
     * requests still to send must wait for when they do not fit in the current one's room.
     *
     * @param callsInWindow calls the plan's current window already holds (the rate limiter's count)
     * @param limit         the plan's calls per window, 0 for none
     * @param windowMs      the plan's window
     */
    Long msLeft(long nowNanos, int callsInWindow, int limit, long windowMs) {
        long done = fetched.get();
        long left = pending.get();
        if (!fetching || done == 0 || left <= 0) {
            return null;
        }
        long elapsedMs = (nowNanos - fetchingSince) / 1_000_000;
        long paced = elapsedMs * left / done;
        if (limit <= 0) {
            return paced;
        }
        double requestsPerSymbol = (double) calls.requests() / done;
        long requestsLeft = (long) Math.ceil(requestsPerSymbol * left);
        long room = Math.max(0, limit - callsInWindow);
        if (requestsLeft <= room) {
            return paced;
        }
        // The places of the current window free up over the next window, on average half-way.
        long windows = (requestsLeft - room + limit - 1) / limit;
        return Math.max(paced, windows * windowMs - windowMs / 2);
    }
}
