package org.marketetl.marketdata;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.marketetl.config.MarketDataConfig;

import io.smallrye.mutiny.Uni;

/**
 * One limiter for every market-data call of the function, because FMP limits calls per API key,
 * not per ETL. Calls are spaced evenly ({@code 60 s / callsPerMinute} apart) rather than sent in
 * bursts, so a sliding one-minute window on FMP's side never sees more than the plan allows.
 * Waiting is a delayed {@link Uni}: no thread sleeps while a call waits for its slot.
 */
@ApplicationScoped
public class RateLimiter {

    private final long intervalNanos;
    private long nextSlotNanos;

    @Inject
    public RateLimiter(MarketDataConfig config) {
        this(config.callsPerMinute());
    }

    RateLimiter(int callsPerMinute) {
        this.intervalNanos = callsPerMinute <= 0 ? 0 : Duration.ofMinutes(1).toNanos() / callsPerMinute;
        this.nextSlotNanos = System.nanoTime();
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
        nextSlotNanos = Math.max(nextSlotNanos, now + wait.toNanos());
    }

    /** Books the next free slot at or after {@code now}; answers how long until it. */
    synchronized Duration reserve(long now) {
        if (intervalNanos == 0 && nextSlotNanos <= now) {
            return Duration.ZERO;
        }
        long slot = Math.max(now, nextSlotNanos);
        nextSlotNanos = slot + intervalNanos;
        return Duration.ofNanos(slot - now);
    }
}
