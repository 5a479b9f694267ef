package org.marketetl.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sliding window of market-data calls, driven with explicit clock readings so no test sleeps
 * for its assertions: a burst of up to N goes at once, call N+1 waits for the first to leave the
 * window (plus margin), no window ever holds more than N, a pause holds everyone, and another
 * process's recent calls count.
 */
class RateLimiterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration WINDOW_WITH_MARGIN = MINUTE.plus(MARGIN);
    private static final long T0 = 1_000_000_000_000L;

    @Test
    void admitsABurstOfN_atOnce() {
        // Arrange
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);

        // Act
        List<Duration> waits = reserve(limiter, T0, 5);

        // Assert
        assertThat(waits).containsOnly(Duration.ZERO);
    }

    @Test
    void callNPlusOne_waitsUntilTheFirstCallLeavesTheWindow_plusTheMargin() {
        // Arrange
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);
        reserve(limiter, T0, 5);

        // Act
        Duration wait = limiter.reserve(T0 + seconds(10));

        // Assert
        assertThat(wait).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(10));
    }

    @Test
    void waitsOnlyForTheOldestCall_whenTheWindowFilledGradually() {
        // Arrange: one call at T0, four at T0 + 30 s: the window is full
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);
        limiter.reserve(T0);
        reserve(limiter, T0 + seconds(30), 4);

        // Act
        Duration sixth = limiter.reserve(T0 + seconds(30));
        Duration seventh = limiter.reserve(T0 + seconds(30));

        // Assert: the sixth takes the place of the call at T0, the seventh that of one at T0 + 30 s
        assertThat(sixth).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(30));
        assertThat(seventh).isEqualTo(WINDOW_WITH_MARGIN);
    }

    @Test
    void admitsAtOnceAgain_whenTheWindowHasPassed() {
        // Arrange
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);
        reserve(limiter, T0, 5);

        // Act
        List<Duration> waits = reserve(limiter, T0 + WINDOW_WITH_MARGIN.toNanos(), 5);

        // Assert
        assertThat(waits).containsOnly(Duration.ZERO);
    }

    @Test
    void neverMoreThanNInAnyWindow_andNoCallWaitsLongerThanTheWindowRequires_overALongRandomSequence() {
        // Arrange: 5,000 calls arriving in random clumps and gaps against 7 per (1 s + 100 ms)
        int n = 7;
        long window = Duration.ofMillis(1_100).toNanos();
        RateLimiter limiter = new RateLimiter(n, Duration.ofSeconds(1), Duration.ofMillis(100));
        Random random = new Random(14);
        List<Long> sends = new ArrayList<>();
        long now = T0;

        // Act / Assert: each call goes at the first moment the window allows, never earlier
        for (int call = 0; call < 5_000; call++) {
            now += random.nextInt(4) == 0 ? 0 : Duration.ofMillis(random.nextInt(400)).toNanos();
            long send = now + limiter.reserve(now).toNanos();
            int k = sends.size();
            long earliest = k < n ? now : Math.max(now, sends.get(k - n) + window);
            assertThat(send).as("send time of call %d", call).isEqualTo(earliest);
            sends.add(send);
        }
        for (int i = 0; i + n < sends.size(); i++) {
            assertThat(sends.get(i + n) - sends.get(i)).as("calls %d..%d span a window", i, i + n)
                    .isGreaterThanOrEqualTo(window);
        }
    }

    @ParameterizedTest(name = "[{index}] {0} calls per minute")
    @ValueSource(ints = { 0, -1 })
    void neverWaits_whenTheLimitIsZeroOrLess(int callsPerMinute) {
        // Arrange
        RateLimiter limiter = new RateLimiter(callsPerMinute, MINUTE, MARGIN);

        // Act
        List<Duration> waits = reserve(limiter, T0, 1_000);

        // Assert
        assertThat(waits).containsOnly(Duration.ZERO);
    }

    @Test
    void pause_holdsBackEveryCaller_untilTheAskedTimeHasPassed() {
        // Arrange
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);
        limiter.reserve(T0);

        // Act
        limiter.pauseAt(T0, Duration.ofSeconds(3));
        List<Duration> waits = reserve(limiter, T0, 3);
        Duration afterThePause = limiter.reserve(T0 + seconds(3));

        // Assert
        assertThat(waits).containsOnly(Duration.ofSeconds(3));
        assertThat(afterThePause).isZero();
    }

    @Test
    void pause_appliesEvenWithoutARateLimit() {
        // Arrange
        RateLimiter limiter = new RateLimiter(0, MINUTE, MARGIN);

        // Act
        limiter.pauseAt(T0, Duration.ofSeconds(2));

        // Assert
        assertThat(limiter.reserve(T0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.reserve(T0 + seconds(2))).isZero();
    }

    @Test
    void pause_neverShortensAWaitTheWindowRequires() {
        // Arrange
        RateLimiter limiter = new RateLimiter(1, MINUTE, MARGIN);
        limiter.reserve(T0);

        // Act
        limiter.pauseAt(T0, Duration.ofSeconds(1));

        // Assert
        assertThat(limiter.reserve(T0)).isEqualTo(WINDOW_WITH_MARGIN);
    }

    @Test
    void acquire_completesAtOnce_whileTheWindowHasRoom() {
        // Arrange
        RateLimiter limiter = new RateLimiter(10, MINUTE, MARGIN);

        // Act / Assert
        for (int i = 0; i < 10; i++) {
            limiter.acquire().await().atMost(Duration.ofSeconds(5));
        }
    }

    @Test
    void acquire_thatMustWait_completesLaterOnATimer_withoutHoldingTheCallersThread() throws InterruptedException {
        // Arrange: one call per 50 ms window, already spent
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(50), Duration.ZERO);
        limiter.acquire().await().atMost(Duration.ofSeconds(5));
        CountDownLatch completed = new CountDownLatch(1);
        AtomicReference<Thread> completedOn = new AtomicReference<>();

        // Act
        limiter.acquire().subscribe().with(ignored -> {
            completedOn.set(Thread.currentThread());
            completed.countDown();
        });
        boolean completedDuringSubscribe = completed.getCount() == 0;

        // Assert: subscribing returned before the slot came; the wait ended on another thread
        assertThat(completedDuringSubscribe).isFalse();
        assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(completedOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void recentCalls_countsTheCallsStillInTheWindow_andWhenTheLastWasSent() {
        // Arrange
        RateLimiter limiter = new RateLimiter(10, MINUTE, MARGIN);
        Instant wallNow = Instant.parse("2026-11-30T10:00:00Z");
        limiter.reserve(T0);
        reserve(limiter, T0 + seconds(70), 3);
        limiter.reserve(T0 + seconds(80));

        // Act
        RecentCalls recent = limiter.recentCallsAt(T0 + seconds(90), wallNow);

        // Assert: the call at T0 has left the window; the last was sent ten seconds ago
        assertThat(recent.count()).isEqualTo(4);
        assertThat(recent.lastCall()).isEqualTo(wallNow.minusSeconds(10));
    }

    @Test
    void seed_makesAFreshLimiterWaitForAnotherProcesssCalls_toLeaveTheWindow() {
        // Arrange: another process spent the whole window; its last call was 10 s ago
        Instant wallNow = Instant.parse("2026-11-30T10:00:00Z");
        RateLimiter fresh = new RateLimiter(5, MINUTE, MARGIN);

        // Act
        fresh.seedAt(T0, wallNow, new RecentCalls(5, wallNow.minusSeconds(10), "another-process"));

        // Assert
        assertThat(fresh.reserve(T0)).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(10));
    }

    @Test
    void seed_leavesRoomForWhatTheOtherProcessDidNotSpend() {
        // Arrange
        Instant wallNow = Instant.parse("2026-11-30T10:00:00Z");
        RateLimiter fresh = new RateLimiter(5, MINUTE, MARGIN);

        // Act
        fresh.seedAt(T0, wallNow, new RecentCalls(3, wallNow.minusSeconds(10), "another-process"));

        // Assert: two calls at once, the third waits for the seeded ones
        assertThat(reserve(fresh, T0, 2)).containsOnly(Duration.ZERO);
        assertThat(fresh.reserve(T0)).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(10));
    }

    @Test
    void seed_ignoresCallsThatHaveLeftTheWindow() {
        // Arrange
        Instant wallNow = Instant.parse("2026-11-30T10:00:00Z");
        RateLimiter fresh = new RateLimiter(5, MINUTE, MARGIN);

        // Act
        fresh.seedAt(T0, wallNow, new RecentCalls(5, wallNow.minus(WINDOW_WITH_MARGIN), "another-process"));

        // Assert
        assertThat(reserve(fresh, T0, 5)).containsOnly(Duration.ZERO);
    }

    @Test
    void seed_doesNotCountThisProcesssOwnCallsTwice() {
        // Arrange: a warm process reads back the record it wrote itself
        Instant wallNow = Instant.parse("2026-11-30T10:00:00Z");
        RateLimiter warm = new RateLimiter(5, MINUTE, MARGIN);
        reserve(warm, T0, 3);
        RecentCalls own = warm.recentCallsAt(T0, wallNow);

        // Act
        warm.seedAt(T0, wallNow, own);

        // Assert: still two free places, as before reading
        assertThat(reserve(warm, T0, 2)).containsOnly(Duration.ZERO);
        assertThat(warm.reserve(T0)).isEqualTo(WINDOW_WITH_MARGIN);
    }

    @Test
    void recentCallsOfOneLimiter_seedTheNext_soTheSecondRunWaitsForTheFirstsCalls() {
        // Arrange: the first invocation spends its window and ends 5 s after its last call
        Instant firstEnds = Instant.parse("2026-11-30T10:00:00Z");
        RateLimiter first = new RateLimiter(4, MINUTE, MARGIN);
        reserve(first, T0, 4);
        RecentCalls recorded = first.recentCallsAt(T0 + seconds(5), firstEnds);
        RateLimiter second = new RateLimiter(4, MINUTE, MARGIN);
        long secondStartsNanos = 42L; // a fresh process: its own nanoTime origin, 3 s after the first ended
        Instant secondStarts = firstEnds.plusSeconds(3);

        // Act
        second.seedAt(secondStartsNanos, secondStarts, recorded);

        // Assert: the first's calls were 8 s ago
        assertThat(second.reserve(secondStartsNanos)).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(8));
    }

    private static List<Duration> reserve(RateLimiter limiter, long now, int calls) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            waits.add(limiter.reserve(now));
        }
        return waits;
    }

    private static long seconds(long s) {
        return Duration.ofSeconds(s).toNanos();
    }
}
