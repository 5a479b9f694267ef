package org.marketetl.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.marketetl.config.FmpPlan;
import org.marketetl.config.MarketDataConfig;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One limiter for every market-data call of the function, because FMP limits calls per API key,
 * not per ETL, and no window of the plan's length, wherever it starts, may hold more than the
 * plan's N calls (safe whether FMP counts per rolling minute or per calendar minute, which is one
 * such window). Calls go at once while the window has room, so a burst of up to N goes as fast as
 * the concurrency allows; call N+1 waits until the first call has left the window.
 *
 * <p><b>How.</b> The window has N places. A call takes a place before it is sent and gives it back
 * when it has ended (answered, failed or given up); the place may carry its next call one window
 * (plus margin) after that. FMP counts a call after we send it and before we receive its answer,
 * so two calls of one place are counted at least a window apart, and no window sees more than one
 * call per place: at most N, however long the calls take and however unevenly they travel. (A
 * first version booked send times only; on a loaded machine calls of the first burst reached the
 * simulator seconds late, and a 500-symbol backfill saw 1,020 calls in one minute and 270 429s.)
 *
 * <p><b>Margin.</b> The window is counted {@code margin} longer than the plan's minute (1 s by
 * default, {@code market-etl.market-data.rate-window-margin}), for what the above cannot see: a
 * server that counts a call as its answer leaves rather than as it arrives, and clocks that tick a
 * little differently. It costs 1/60 of the rate, and only when a run needs more than one window.
 *
 * <p><b>Libraries checked.</b> Neither Bucket4j nor resilience4j's RateLimiter keeps "never more
 * than N in any 60 s": a Bucket4j bucket of capacity N with a greedy refill of N per minute admits
 * its full N at once and then refills continuously, so a sliding minute can see almost 2N; with an
 * interval refill, N just before the refill and N just after. resilience4j divides time into fixed
 * cycles of {@code limitRefreshPeriod} with {@code limitForPeriod} permits each, so N at the end of
 * one cycle and N at the start of the next pass within moments. Either would have to be halved
 * (N/2 per minute) to be safe, wasting half the plan, and neither knows when a call has ended.
 *
 * <p><b>Across invocations.</b> The limit is per key, not per process: a run continued by a new
 * invocation must not start with an empty window. {@link #recentCalls()} says what this process
 * spent of the open window, the run stores it at its end, and the next invocation's limiter
 * {@link #seed seeds} itself from it before its first call.
 *
 * <p>Waiting is a delayed {@link Uni} (or one completed when a place is given back): no thread
 * sleeps while a call waits for its place.
 */
@ApplicationScoped
public class RateLimiter {

    private final int limit;
    private final long windowNanos;
    private final String instance = UUID.randomUUID().toString();
    /** Places that have never carried a call (nor a seeded one). */
    private int unused;
    /** When each place whose call has ended may carry the next one (nanoTime), earliest first. */
    private final PriorityQueue<Long> freeAt = new PriorityQueue<>((a, b) -> Long.signum(a - b));
    /** Callers that came while every place was carrying a call, in arrival order. */
    private final ArrayDeque<UniEmitter<? super Duration>> waiting = new ArrayDeque<>();
    private long pausedUntil;
    private boolean paused;

    @Inject
    public RateLimiter(MarketDataConfig config) {
        this(FmpPlan.callsPerMinute(config), config.rateWindow(), config.rateWindowMargin());
    }

    /**
     * @param callsPerWindow the plan's calls per window; 0 or less means no limit
     * @param window         the plan's window (a minute; shorter only in tests)
     * @param margin         added to the window, see the class comment
     */
    public RateLimiter(int callsPerWindow, Duration window, Duration margin) {
        this.limit = Math.max(callsPerWindow, 0);
        this.unused = limit;
        this.windowNanos = window.plus(margin).toNanos();
    }

    /**
     * Completes with a permit when the caller may send its request; the caller
     * {@linkplain Permit#release() releases} it when the call has ended, however it ended.
     */
    public Uni<Permit> acquire() {
        Permit permit = new Permit();
        return Uni.createFrom().<Duration>emitter(emitter -> reserveOrWait(System.nanoTime(), emitter))
                .onItem().transformToUni(wait -> {
                    if (wait.isZero()) {
                        return Uni.createFrom().item(permit);
                    }
                    // Timers run in whole milliseconds (and refuse a delay under 1 ms): round up, never down.
                    long millis = (wait.toNanos() + 999_999) / 1_000_000;
                    return Uni.createFrom().item(permit).onItem().delayIt().by(Duration.ofMillis(millis))
                            // given up while waiting for its time (a timeout): the place is freed,
                            // counted as if its call had been made, which is only more cautious
                            .onCancellation().invoke(permit::release);
                });
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

    private void reserveOrWait(long now, UniEmitter<? super Duration> emitter) {
        Duration wait;
        synchronized (this) {
            wait = reserve(now);
            if (wait == null) {
                waiting.addLast(emitter);
                // Given up while waiting (a timeout): leave the queue, so no place is handed to a
                // caller that has gone. (Giving up in the instant between the hand-over and its
                // delivery loses that place for this process: one fewer, never one too many.)
                emitter.onTermination(() -> forget(emitter));
                return;
            }
        }
        emitter.complete(wait);
    }

    private synchronized void forget(UniEmitter<? super Duration> emitter) {
        waiting.remove(emitter);
    }

    /**
     * Takes a place for a call at or after {@code now}: a never-used one at once, else the one
     * free earliest, waiting until it is; answers how long to wait, or null when every place is
     * carrying a call (the caller then waits for a {@link #release}).
     */
    synchronized Duration reserve(long now) {
        long slot = now;
        if (paused && pausedUntil - slot > 0) {
            slot = pausedUntil;
        }
        if (limit > 0) {
            if (unused > 0) {
                unused--;
            } else if (!freeAt.isEmpty()) {
                long free = freeAt.poll();
                if (free - slot > 0) {
                    slot = free;
                }
            } else {
                return null;
            }
        }
        return Duration.ofNanos(slot - now);
    }

    /**
     * A call has ended at {@code now} (answered, failed or given up): its place may carry the
     * next call one window (plus margin) from now. A caller already waiting for a place gets it.
     */
    void release(long now) {
        UniEmitter<? super Duration> next;
        long wait;
        synchronized (this) {
            if (limit == 0) {
                return;
            }
            long free = now + windowNanos;
            next = waiting.pollFirst();
            if (next == null) {
                freeAt.add(free);
                return;
            }
            long slot = paused && pausedUntil - free > 0 ? pausedUntil : free;
            wait = slot - now;
        }
        next.complete(Duration.ofNanos(wait));
    }

    /** What this process has spent of the window that is still open: see {@link RecentCalls}. */
    public RecentCalls recentCalls() {
        return recentCallsAt(System.nanoTime(), Instant.now());
    }

    synchronized RecentCalls recentCallsAt(long now, Instant wallNow) {
        int inFlight = limit - unused - freeAt.size();
        int count = inFlight;
        long last = now;
        boolean any = inFlight > 0;
        for (long free : freeAt) {
            if (free - now > 0) {
                long ended = free - windowNanos;
                if (!any || ended - last > 0) {
                    last = ended;
                }
                any = true;
                count++;
            }
        }
        if (inFlight > 0) {
            last = now; // calls still out end no earlier than now
        }
        return count == 0 ? new RecentCalls(0, null, instance)
                : new RecentCalls(count, wallNow.plusNanos(last - now), instance);
    }

    /**
     * Counts another process's recent calls into the window before this one's first call, as if
     * all of them had ended at {@code recent.lastCall()}: the latest any of them ended, so the
     * next calls wait at least as long as the real history asks. Calls this process recorded
     * itself are already counted and are not counted twice.
     */
    public void seed(RecentCalls recent) {
        seedAt(System.nanoTime(), Instant.now(), recent);
    }

    synchronized void seedAt(long now, Instant wallNow, RecentCalls recent) {
        if (limit == 0 || recent.count() <= 0 || recent.lastCall() == null
                || instance.equals(recent.recordedBy())) {
            return;
        }
        long free = now - Duration.between(recent.lastCall(), wallNow).toNanos() + windowNanos;
        if (free - now <= 0) {
            return;
        }
        for (int i = 0; i < Math.min(recent.count(), limit); i++) {
            if (unused > 0) {
                unused--;
                freeAt.add(free);
            } else if (!freeAt.isEmpty()) {
                long earliest = freeAt.poll();
                freeAt.add(earliest - free > 0 ? earliest : free);
            } else {
                return; // every place carries a call of this process already
            }
        }
    }

    /** A place in the window, held from the time a call may be sent until it has ended. */
    public final class Permit {

        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {
        }

        /** The call has ended (answer, failure or cancellation); once only, later calls are ignored. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                RateLimiter.this.release(System.nanoTime());
            }
        }
    }
}
