package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Whole runs against the simulator's own sliding window, shrunk to {@value #CALLS} calls per
 * {@value #WINDOW_MS} ms so that a backfill needs several windows: the function is never refused
 * (no 429) and, by the simulator's own count of every call that arrived, no window held more than
 * the plan, within a run and across two runs back to back.
 */
@QuarkusTest
@TestProfile(RateWindowPipelineTest.ShortWindow.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class RateWindowPipelineTest {

    static final int CALLS = 20;
    static final long WINDOW_MS = 2_000;
    private static final List<String> FIRST = List.of("RWA", "RWB", "RWC", "RWD", "RWE", "RWF", "RWG", "RWH", "RWI",
            "RWJ");
    private static final List<String> SECOND = List.of("RWK", "RWL", "RWM", "RWN");

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void limitTheSimulator() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        runs.forget(FIRST);
        runs.forget(SECOND);
        simulator.resetCounters();
        simulator.setRateLimit(CALLS, Duration.ofMillis(WINDOW_MS));
    }

    @AfterEach
    void unlimitTheSimulator_andScanForSecrets() {
        simulator.setRateLimit(0, Duration.ofMinutes(1));
        simulator.resetCounters();
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void backfillOverSeveralWindows_isNeverRefused_andNoWindowHoldsMoreThanThePlan() {
        // Act
        JsonPath report = runs.run(backfill(FIRST));

        // Assert
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(simulator.totalRequests()).as("requests: enough to need several windows")
                .isGreaterThan(2L * CALLS);
        assertThat(simulator.throttledResponses()).as("429 answers").isZero();
        assertThat(FaultRuns.total(report, "throttled")).isZero();
        assertThat(simulator.maxCallsInAnyWindow()).as("most calls within one window")
                .isPositive().isLessThanOrEqualTo(CALLS);
    }

    @Test
    void secondRunRightAfterTheFirst_waitsForTheFirstsCalls_andNoWindowHoldsMoreThanThePlan() {
        // Arrange
        runs.run(backfill(FIRST));

        // Act: the simulator's window is not reset between the runs
        JsonPath second = runs.run(backfill(SECOND));

        // Assert
        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(simulator.throttledResponses()).as("429 answers").isZero();
        assertThat(simulator.maxCallsInAnyWindow()).as("most calls within one window, over both runs")
                .isLessThanOrEqualTo(CALLS);
    }

    private static String backfill(List<String> symbols) {
        return "{\"mode\":\"backfill\",\"symbols\":[\"" + String.join("\",\"", symbols)
                + "\"],\"steps\":[\"company\",\"price\",\"financial\"]}";
    }

    /**
     * The function's limiter on the simulator's short window, with a margin of half a window: on
     * a busy test machine a call can reach the simulator's counter a few hundred ms after it was
     * sent (FMP's one-second margin is for the network's spread, not a loaded CPU's).
     */
    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "market-etl.market-data.calls-per-minute", String.valueOf(CALLS),
                    "market-etl.market-data.rate-window", "PT" + WINDOW_MS / 1000.0 + "S",
                    "market-etl.market-data.rate-window-margin", "PT1S");
        }
    }
}
