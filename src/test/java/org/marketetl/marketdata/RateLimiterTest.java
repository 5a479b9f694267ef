package org.marketetl.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The plan's window of market-data calls, driven with explicit clock readings so no test sleeps
 * for its assertions: a burst of up to N goes at once, call N+1 waits until the first call has
 * left the window (its end plus the window and margin), no window ever holds more than N however
 * the calls' latencies spread, a pause holds everyone, and another process's recent calls count.
 */
class RateLimiterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration WINDOW_WITH_MARGIN = MINUTE.plus(MARGIN);
    private static final long T0 = 1_000_000_000_000L;
    private static final Instant WALL_NOW = Instant.parse("2026-11-30T10:00:00Z");

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
    void callNPlusOne_waitsUntilTheFirstCallHasLeftTheWindow_itsEndPlusWindowAndMargin() {
        // Arrange: five calls at T0, the first answered after 2 s, the others after 3 s
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);
        reserve(limiter, T0, 5);
        limiter.release(T0 + seconds(2));
        release(limiter, T0 + seconds(3), 4);

        // Act
        Duration sixth = limiter.reserve(T0 + seconds(10));
        Duration seventh = limiter.reserve(T0 + seconds(10));

        // Assert
        assertThat(sixth).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(8));
        assertThat(seventh).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(7));
    }

    @Test
    void callNPlusOne_getsNoTime_whileEveryCallIsStillOut() {
        // Arrange
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);
        reserve(limiter, T0, 5);

        // Act
        Duration sixth = limiter.reserve(T0 + seconds(100));

        // Assert: it must wait for a call to end; only then is its time known
        assertThat(sixth).isNull();
    }

    @Test
    void admitsAtOnceAgain_whenTheWindowHasPassed() {
        // Arrange
        RateLimiter limiter = new RateLimiter(5, MINUTE, MARGIN);
        reserve(limiter, T0, 5);
        release(limiter, T0, 5);

        // Act
        List<Duration> waits = reserve(limiter, T0 + WINDOW_WITH_MARGIN.toNanos(), 5);

        // Assert
        assertThat(waits).containsOnly(Duration.ZERO);
    }

    @Test
    void neverMoreThanNInAnyWindow_howeverTheLatenciesSpread_overALongRandomSequence() {
        // Arrange: 5,000 calls arriving in random clumps and gaps against 7 per (1 s + 100 ms); each
        // takes 10 ms to 3 s and is counted by the server at a random moment while it is out
        int n = 7;
        long window = Duration.ofMillis(1_100).toNanos();
        RateLimiter limiter = new RateLimiter(n, Duration.ofSeconds(1), Duration.ofMillis(100));
        Random random = new Random(14);
        PriorityQueue<Long> ends = new PriorityQueue<>();
        List<Long> counted = new ArrayList<>();
        long now = T0;

        // Act
        for (int call = 0; call < 5_000; call++) {
            now += random.nextInt(4) == 0 ? 0 : Duration.ofMillis(random.nextInt(300)).toNanos();
            while (!ends.isEmpty() && ends.peek() <= now) {
                limiter.release(ends.poll());
            }
            Duration wait = limiter.reserve(now);
            while (wait == null) {
                long end = ends.poll();
                now = Math.max(now, end);
                limiter.release(end);
                wait = limiter.reserve(now);
            }
            long send = now + wait.toNanos();
            long latency = Duration.ofMillis(10 + random.nextInt(2_990)).toNanos();
            ends.add(send + latency);
            counted.add(send + (long) (random.nextDouble() * latency));
        }

        // Assert: any N+1 calls, in the order the server counted them, span more than a window
        Collections.sort(counted);
        for (int i = 0; i + n < counted.size(); i++) {
            assertThat(counted.get(i + n) - counted.get(i)).as("calls %d..%d as counted", i, i + n)
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
        limiter.release(T0);

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
            assertThat(limiter.acquire().await().atMost(Duration.ofSeconds(5))).isNotNull();
        }
    }

    @Test
    void acquire_thatMustWait_completesAfterARelease_onATimer_withoutHoldingTheCallersThread()
            throws InterruptedException {
        // Arrange: one call per 50 ms window, and that call still out
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(50), Duration.ZERO);
        RateLimiter.Permit first = limiter.acquire().await().atMost(Duration.ofSeconds(5));
        CountDownLatch completed = new CountDownLatch(1);
        AtomicReference<Thread> completedOn = new AtomicReference<>();

        // Act
        limiter.acquire().subscribe().with(ignored -> {
            completedOn.set(Thread.currentThread());
            completed.countDown();
        });
        boolean completedBeforeTheRelease = completed.getCount() == 0;
        first.release();

        // Assert: subscribing returned without a place; the release handed it over, on a timer
        assertThat(completedBeforeTheRelease).isFalse();
        assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(completedOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void acquire_givenUpWhileWaitingForAPlace_leavesThePlaceToTheNextCaller() {
        // Arrange: one call per 50 ms window, that call still out, a second caller waiting
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(50), Duration.ZERO);
        RateLimiter.Permit first = limiter.acquire().await().atMost(Duration.ofSeconds(5));
        Cancellable givenUp = limiter.acquire().subscribe().with(ignored -> {
        });

        // Act: the waiting caller gives up (its timeout), then the call out ends
        givenUp.cancel();
        first.release();

        // Assert: the place was not handed to the caller that left
        assertThat(limiter.acquire().await().atMost(Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void recentCalls_countsTheCallsThatEndedWithinTheWindow_andWhenTheLastEnded() {
        // Arrange: one call ended long ago, two ended 20 s and 10 s ago
        RateLimiter limiter = new RateLimiter(10, MINUTE, MARGIN);
        reserve(limiter, T0, 3);
        limiter.release(T0 + seconds(1));
        limiter.release(T0 + seconds(70));
        limiter.release(T0 + seconds(80));

        // Act
        RecentCalls recent = limiter.recentCallsAt(T0 + seconds(90), WALL_NOW);

        // Assert
        assertThat(recent.count()).isEqualTo(2);
        assertThat(recent.lastCall()).isEqualTo(WALL_NOW.minusSeconds(10));
    }

    @Test
    void recentCalls_countsACallStillOut_asEndingNow() {
        // Arrange
        RateLimiter limiter = new RateLimiter(10, MINUTE, MARGIN);
        reserve(limiter, T0, 2);
        limiter.release(T0 + seconds(1));

        // Act
        RecentCalls recent = limiter.recentCallsAt(T0 + seconds(5), WALL_NOW);

        // Assert
        assertThat(recent.count()).isEqualTo(2);
        assertThat(recent.lastCall()).isEqualTo(WALL_NOW);
    }

    @Test
    void seed_makesAFreshLimiterWaitForAnotherProcesssCalls_toLeaveTheWindow() {
        // Arrange: another process spent the whole window; its last call ended 10 s ago
        RateLimiter fresh = new RateLimiter(5, MINUTE, MARGIN);

        // Act
        fresh.seedAt(T0, WALL_NOW, new RecentCalls(5, WALL_NOW.minusSeconds(10), "another-process"));

        // Assert
        assertThat(fresh.reserve(T0)).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(10));
    }

    @Test
    void seed_leavesRoomForWhatTheOtherProcessDidNotSpend() {
        // Arrange
        RateLimiter fresh = new RateLimiter(5, MINUTE, MARGIN);

        // Act
        fresh.seedAt(T0, WALL_NOW, new RecentCalls(3, WALL_NOW.minusSeconds(10), "another-process"));

        // Assert: two calls at once, the third waits for the seeded ones
        assertThat(reserve(fresh, T0, 2)).containsOnly(Duration.ZERO);
        assertThat(fresh.reserve(T0)).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(10));
    }

    @Test
    void seed_ignoresCallsThatHaveLeftTheWindow() {
        // Arrange
        RateLimiter fresh = new RateLimiter(5, MINUTE, MARGIN);

        // Act
        fresh.seedAt(T0, WALL_NOW, new RecentCalls(5, WALL_NOW.minus(WINDOW_WITH_MARGIN), "another-process"));

        // Assert
        assertThat(reserve(fresh, T0, 5)).containsOnly(Duration.ZERO);
    }

    @Test
    void seed_doesNotCountThisProcesssOwnCallsTwice() {
        // Arrange: a warm process reads back the record it wrote itself
        RateLimiter warm = new RateLimiter(5, MINUTE, MARGIN);
        reserve(warm, T0, 3);
        release(warm, T0, 3);
        RecentCalls own = warm.recentCallsAt(T0, WALL_NOW);

        // Act
        warm.seedAt(T0, WALL_NOW, own);

        // Assert: still two free places, as before reading
        assertThat(reserve(warm, T0, 2)).containsOnly(Duration.ZERO);
        assertThat(warm.reserve(T0)).isEqualTo(WINDOW_WITH_MARGIN);
    }

    @Test
    void recentCallsOfOneLimiter_seedTheNext_soTheSecondRunWaitsForTheFirstsCalls() {
        // Arrange: the first invocation spends its window; its calls end at T0 + 1 s, it ends at T0 + 5 s
        RateLimiter first = new RateLimiter(4, MINUTE, MARGIN);
        reserve(first, T0, 4);
        release(first, T0 + seconds(1), 4);
        RecentCalls recorded = first.recentCallsAt(T0 + seconds(5), WALL_NOW);
        RateLimiter second = new RateLimiter(4, MINUTE, MARGIN);
        long secondStartsNanos = 42L; // a fresh process: its own nanoTime origin, 3 s after the first ended
        Instant secondStarts = WALL_NOW.plusSeconds(3);

        // Act
        second.seedAt(secondStartsNanos, secondStarts, recorded);

        // Assert: the first's calls ended 7 s ago
        assertThat(second.reserve(secondStartsNanos)).isEqualTo(WINDOW_WITH_MARGIN.minusSeconds(7));
    }

    private static List<Duration> reserve(RateLimiter limiter, long now, int calls) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            waits.add(limiter.reserve(now));
        }
        return waits;
    }

    private static void release(RateLimiter limiter, long now, int calls) {
        for (int i = 0; i < calls; i++) {
            limiter.release(now);
        }
    }

    private static long seconds(long s) {
        return Duration.ofSeconds(s).toNanos();
    }
}
