package org.marketetl.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.bookkeeping.PlanWindow;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The plan's window across invocations, through the warehouse: each limiter here stands for a
 * fresh process (a new Lambda invocation), built directly so it knows only what the record in
 * MARKET_DATA_CALLS tells it.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class CallsAcrossInvocationsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration MARGIN = Duration.ofSeconds(1);

    @Inject
    Warehouse warehouse;

    @Test
    void secondInvocation_waitsForTheFirstInvocationsCalls_toLeaveTheWindow() {
        // Arrange: the first invocation spends its whole window and records it at its end
        RateLimiter first = new RateLimiter(4, MINUTE, MARGIN);
        reserveNow(first, 4);
        new PlanWindow(warehouse, first).record();
        RateLimiter second = new RateLimiter(4, MINUTE, MARGIN);

        // Act
        new PlanWindow(warehouse, second).resume();
        Duration wait = second.reserve(System.nanoTime());

        // Assert: without the record the call would go at once; with it, it waits for the
        // first invocation's calls to leave the window (61 s after they were sent)
        assertThat(wait).isGreaterThan(Duration.ofSeconds(30)).isLessThanOrEqualTo(MINUTE.plus(MARGIN));
    }

    @Test
    void secondInvocation_usesWhatTheFirstLeftOfTheWindow_atOnce() {
        // Arrange
        RateLimiter first = new RateLimiter(4, MINUTE, MARGIN);
        reserveNow(first, 3);
        new PlanWindow(warehouse, first).record();
        RateLimiter second = new RateLimiter(4, MINUTE, MARGIN);

        // Act
        new PlanWindow(warehouse, second).resume();
        Duration fourth = second.reserve(System.nanoTime());
        Duration fifth = second.reserve(System.nanoTime());

        // Assert
        assertThat(fourth).isZero();
        assertThat(fifth).isGreaterThan(Duration.ofSeconds(30));
    }

    @Test
    void warmProcess_readingBackItsOwnRecord_doesNotCountItsCallsTwice() {
        // Arrange: the same limiter (a warm Lambda container) runs again after recording
        RateLimiter warm = new RateLimiter(4, MINUTE, MARGIN);
        PlanWindow planWindow = new PlanWindow(warehouse, warm);
        reserveNow(warm, 3);
        planWindow.record();

        // Act
        planWindow.resume();
        Duration fourth = warm.reserve(System.nanoTime());

        // Assert
        assertThat(fourth).isZero();
    }

    private static void reserveNow(RateLimiter limiter, int calls) {
        for (int i = 0; i < calls; i++) {
            assertThat(limiter.reserve(System.nanoTime())).isZero();
        }
    }
}
