package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.bookkeeping.RunLock;
import org.marketetl.bookkeeping.RunLockedException;
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
 * A run's warehouse statements are its own work: another run in the same container that polls
 * for the run lock while this one holds it (and is refused after its one-second wait) adds
 * nothing to this run's count. Counted, its polls showed in the holder's report.
 */
@QuarkusTest
@TestProfile(LockWaitStatementCountTest.ShortLockWait.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class LockWaitStatementCountTest {

    /** A one-second wait for the lock; the market-data client's own timeouts, so a slow API is only slow. */
    public static class ShortLockWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.run.lock.wait-for", "PT1S");
        }
    }

    private static final List<String> SYMBOLS = List.of("LWC");
    private static final String REQUEST = "{\"symbols\":[\"LWC\"],\"steps\":[\"company\"],\"runId\":\"%s\"}";

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    @Inject
    RunLock lock;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void captureLogs() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
    }

    @AfterEach
    void restore() {
        simulator.setLatency(Duration.ZERO);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void lockPollsOfAWaitingRun_areNotCountedAsTheHoldersStatements() throws Exception {
        // Arrange: the count of the same run alone, from the same starting state
        runs.forget(SYMBOLS);
        long alone = runs.run(REQUEST.formatted("lock-count-alone")).getLong("warehouseStatements");
        runs.forget(SYMBOLS);
        // A slow API keeps the holder running while the other run polls for the lock.
        simulator.setLatency(Duration.ofSeconds(3));

        // Act
        CompletableFuture<JsonPath> holder = CompletableFuture.supplyAsync(
                () -> runs.run(REQUEST.formatted("lock-count-holder")));
        awaitHolder("lock-count-holder");
        // Another run in this container waits for the lock (the mock event server runs one
        // invocation at a time, so it asks the lock as its pipeline would) and is refused.
        Throwable waiter = catchThrowable(() -> lock.acquire("lock-count-waiter").close());
        JsonPath report = holder.get(2, TimeUnit.MINUTES);

        // Assert
        assertThat(waiter).isInstanceOf(RunLockedException.class)
                .hasMessageContaining("another run holds the run lock: lock-count-holder");
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(report.getLong("warehouseStatements")).isEqualTo(alone);
    }

    private void awaitHolder(String runId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (runId.equals(runs.warehouse().strings("SELECT HOLDER FROM RUN_LOCK WHERE LOCK_NAME = 'pipeline'").get(0))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(runId + " never took the run lock");
    }
}
