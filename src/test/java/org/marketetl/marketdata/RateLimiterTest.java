package org.marketetl.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Even spacing of market-data calls, driven with explicit clock readings so no test sleeps for its assertions. */
class RateLimiterTest {

    private static final Duration MS_100 = Duration.ofMillis(100);

    @Test
    void spacesCalls_sixtySecondsOverTheLimitApart() {
        // Arrange
        RateLimiter limiter = new RateLimiter(600);
        long now = System.nanoTime();

        // Act
        Duration first = limiter.reserve(now);
        Duration second = limiter.reserve(now);

        // Assert
        assertThat(first).isZero();
        assertThat(second).isEqualTo(MS_100);
    }

    @Test
    void computesTheSpacing_forALimitThatDoesNotDivideAMinute() {
        // Arrange
        RateLimiter limiter = new RateLimiter(7);
        long now = System.nanoTime();
        limiter.reserve(now);

        // Act
        Duration wait = limiter.reserve(now);

        // Assert
        assertThat(wait).isEqualTo(Duration.ofNanos(60_000_000_000L / 7));
    }

    @Test
    void queuesABurst_oneIntervalAfterAnother() {
        // Arrange
        RateLimiter limiter = new RateLimiter(600);
        long now = System.nanoTime();

        // Act
        Duration[] waits = new Duration[5];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = limiter.reserve(now);
        }

        // Assert
        assertThat(waits).containsExactly(Duration.ZERO, MS_100, Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(400));
    }

    @Test
    void waitsOnlyForTheRestOfTheInterval_whenPartOfItHasPassed() {
        // Arrange
        RateLimiter limiter = new RateLimiter(600);
        long now = System.nanoTime();
        limiter.reserve(now);

        // Act
        Duration wait = limiter.reserve(now + Duration.ofMillis(30).toNanos());

        // Assert
        assertThat(wait).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void letsACallGoAtOnce_whenItsSlotHasPassed() {
        // Arrange
        RateLimiter limiter = new RateLimiter(600);
        long now = System.nanoTime();
        limiter.reserve(now);

        // Act
        Duration wait = limiter.reserve(now + Duration.ofMillis(150).toNanos());

        // Assert
        assertThat(wait).isZero();
    }

    @Test
    void doesNotAccumulateCredit_whileIdle() {
        // Arrange
        RateLimiter limiter = new RateLimiter(600);
        long now = System.nanoTime();
        limiter.reserve(now);
        long tenSecondsLater = now + Duration.ofSeconds(10).toNanos();

        // Act: after a long pause, a burst is spaced as if the limiter had just started
        Duration first = limiter.reserve(tenSecondsLater);
        Duration second = limiter.reserve(tenSecondsLater);
        Duration third = limiter.reserve(tenSecondsLater);

        // Assert
        assertThat(first).isZero();
        assertThat(second).isEqualTo(MS_100);
        assertThat(third).isEqualTo(Duration.ofMillis(200));
    }

    @ParameterizedTest(name = "[{index}] {0} calls per minute")
    @ValueSource(ints = {0, -1})
    void neverWaits_whenTheLimitIsZeroOrLess(int callsPerMinute) {
        // Arrange
        RateLimiter limiter = new RateLimiter(callsPerMinute);
        long now = System.nanoTime();

        // Act / Assert
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.reserve(now)).isZero();
        }
    }

    @Test
    void completesAnAcquire_atOnce_whenUnlimited() {
        // Arrange
        RateLimiter limiter = new RateLimiter(0);

        // Act / Assert
        for (int i = 0; i < 10; i++) {
            limiter.acquire().await().atMost(Duration.ofMillis(100));
        }
    }

    @Test
    void completesQueuedAcquires_afterTheirSlots() {
        // Arrange: 6,000 calls per minute is one every 10 ms
        RateLimiter limiter = new RateLimiter(6_000);
        long start = System.nanoTime();

        // Act
        limiter.acquire().await().atMost(Duration.ofSeconds(2));
        limiter.acquire().await().atMost(Duration.ofSeconds(2));
        limiter.acquire().await().atMost(Duration.ofSeconds(2));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // Assert: the third call had to wait for the slot two intervals after the first
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(19));
    }

    @Test
    void pause_holdsBackEveryCaller_untilTheAskedTimeHasPassed() {
        // Arrange
        RateLimiter limiter = new RateLimiter(600);
        long now = System.nanoTime();
        limiter.reserve(now);

        // Act
        limiter.pauseAt(now, Duration.ofSeconds(3));
        Duration first = limiter.reserve(now);
        Duration second = limiter.reserve(now);

        // Assert
        assertThat(first).isEqualTo(Duration.ofSeconds(3));
        assertThat(second).isEqualTo(Duration.ofSeconds(3).plus(MS_100));
    }

    @Test
    void pause_appliesEvenWithoutARateLimit() {
        // Arrange
        RateLimiter limiter = new RateLimiter(0);
        long now = System.nanoTime();

        // Act
        limiter.pauseAt(now, Duration.ofSeconds(2));

        // Assert
        assertThat(limiter.reserve(now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.reserve(now + Duration.ofSeconds(2).toNanos())).isZero();
    }

    @Test
    void pause_neverShortensAWaitAlreadyBooked() {
        // Arrange
        RateLimiter limiter = new RateLimiter(6);
        long now = System.nanoTime();
        limiter.reserve(now);

        // Act
        limiter.pauseAt(now, Duration.ofSeconds(1));

        // Assert
        assertThat(limiter.reserve(now)).isEqualTo(Duration.ofSeconds(10));
    }
}
