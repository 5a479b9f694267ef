package org.marketetl.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.marketetl.config.MarketDataConfig;

import io.smallrye.mutiny.Uni;

/**
 * One limiter for every market-data call of the function, because FMP limits calls per API key,
 * not per ETL. It keeps a sliding log of the plan's last {@code N} calls (N = calls per window) and
 * admits a call at once while fewer than N calls lie in the window before it; otherwise the call
 * waits until the oldest of the last N leaves the window. So a burst of up to N goes out as fast as
 * the concurrency allows, and no window, wherever it starts, ever holds more than N calls: safe
 * whether FMP counts per rolling minute or per calendar minute (a calendar minute is one window).
 *
 * <p><b>Margin.</b> The window is counted {@code margin} longer than the plan's minute (1 s by
 * default, {@code market-etl.market-data.rate-window-margin}). We book a call when it is sent, FMP
 * counts it when it arrives; the N calls of one window can arrive up to the spread of the send-to-
 * arrival delay closer together than they were sent (a first call slowed by opening its TLS
 * connection, a later one sent on a warm connection). A second absorbs that spread, and costs 1/60
 * of the rate only when more than one window's worth of calls is needed.
 *
 * <p><b>Libraries checked.</b> Neither Bucket4j nor resilience4j's RateLimiter keeps "never more
 * than N in any 60 s": a Bucket4j bucket of capacity N with a greedy refill of N per minute admits
 * its full N at once and then refills continuously, so a sliding minute can see almost 2N; with an
 * interval refill, N just before the refill and N just after. resilience4j divides time into fixed
 * cycles of {@code limitRefreshPeriod} with {@code limitForPeriod} permits each, so N at the end of
 * one cycle and N at the start of the next pass within moments. A window that forbids 2N would
 * have to be halved (N/2 per minute), wasting half the plan. Hence this small sliding log.
 *
 * <p><b>Across invocations.</b> The limit is per key, not per process: a run continued by a new
 * invocation must not start with an empty window. {@link #recentCalls()} says what this process
 * spent of the current window, the run stores it at its end, and the next invocation's limiter
 * {@link #seed seeds} itself from it before its first call.
 *
 * <p>Waiting is a delayed {@link Uni}: no thread sleeps while a call waits for its slot.
 */
@ApplicationScoped
public class RateLimiter {

    /** The plan's window: FMP limits calls per minute. */
    public static final Duration PLAN_WINDOW = Duration.ofMinutes(1);

    /** Booked send times (nanoTime) of the last {@code log.length} calls, a ring; oldest at {@link #head}. */
    private final long[] log;
    private final long windowNanos;
    private final String instance = UUID.randomUUID().toString();
    private int head;
    private int booked;
    private long pausedUntil;
    private boolean paused;

    @Inject
    public RateLimiter(MarketDataConfig config) {
        this(config.callsPerMinute(), config.rateWindow(), config.rateWindowMargin());
    }

    /**
     * @param callsPerWindow the plan's calls per window; 0 or less means no limit
     * @param window         the plan's window (a minute; shorter only in tests)
     * @param margin         added to the window, see the class comment
     */
    public RateLimiter(int callsPerWindow, Duration window, Duration margin) {
        this.log = new long[Math.max(callsPerWindow, 0)];
        this.windowNanos = window.plus(margin).toNanos();
    }

    /** Completes when the caller may send its request. */
    public Uni<Void> acquire() {
        Duration wait = reserve(System.nanoTime());
        if (wait.isZero()) {
            return Uni.createFrom().voidItem();
        }
        // Timers run in whole milliseconds (and refuse a delay under 1 ms): round up, never down.
        long millis = (wait.toNanos() + 999_999) / 1_000_000;
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(millis));
    }

    /**
     * Sends nothing for {@code wait} from now: FMP asked for it ({@code Retry-After}), and since
     * its limit is per key, every caller waits, not only the one that was refused.
     */
    public void pause(Duration wait) {
        pauseAt(System.nanoTime(), wait);
    }

    synchronized void pauseAt(long now, Duration wait) {
        long until = now + wait.toNanos();
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }

    /**
     * Books the earliest send time at or after {@code now} that keeps every window at most N
     * calls and respects a pause; answers how long until it. Bookings are in time order, so the
     * N-th booking before this one is the oldest in the ring.
     */
    synchronized Duration reserve(long now) {
        long slot = now;
        if (paused && pausedUntil - slot > 0) {
            slot = pausedUntil;
        }
        if (log.length == 0) {
            return Duration.ofNanos(slot - now);
        }
        if (booked == log.length) {
            long oldestLeaves = log[head] + windowNanos;
            if (oldestLeaves - slot > 0) {
                slot = oldestLeaves;
            }
        } else {
            booked++;
        }
        log[head] = slot;
        head = (head + 1) % log.length;
        return Duration.ofNanos(slot - now);
    }

    /** What this process has spent of the window that is still open: see {@link RecentCalls}. */
    public RecentCalls recentCalls() {
        return recentCallsAt(System.nanoTime(), Instant.now());
    }

    synchronized RecentCalls recentCallsAt(long now, Instant wallNow) {
        int count = 0;
        long last = 0;
        for (int i = 0; i < booked; i++) {
            long slot = log[i];
            if (now - slot < windowNanos) {
                if (count == 0 || slot - last > 0) {
                    last = slot;
                }
                count++;
            }
        }
        Instant lastCall = count == 0 ? null : wallNow.plusNanos(last - now);
        return new RecentCalls(count, lastCall, instance);
    }

    /**
     * Counts another process's recent calls into the window before this one's first call, as if
     * all of them had been sent at {@code recent.lastCall()}: an upper bound on when each was sent,
     * so the next calls wait at least as long as the real history asks. Calls this process recorded
     * itself are already in its log and are not counted twice.
     */
    public void seed(RecentCalls recent) {
        seedAt(System.nanoTime(), Instant.now(), recent);
    }

    synchronized void seedAt(long now, Instant wallNow, RecentCalls recent) {
        if (log.length == 0 || recent.count() <= 0 || recent.lastCall() == null
                || instance.equals(recent.recordedBy())) {
            return;
        }
        long at = now - Duration.between(recent.lastCall(), wallNow).toNanos();
        if (now - at >= windowNanos) {
            return;
        }
        // The log's times are in booking order; the seeded calls go in as the newest bookings
        // (a later time than anything this process booked is only more cautious).
        int calls = Math.min(recent.count(), log.length);
        for (int i = 0; i < calls; i++) {
            long time = at;
            if (booked > 0) {
                long newest = log[(head - 1 + log.length) % log.length];
                if (newest - time > 0) {
                    time = newest;
                }
            }
            if (booked < log.length) {
                booked++;
            }
            log[head] = time;
            head = (head + 1) % log.length;
        }
    }
}
