package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.bookkeeping.RunLockedException;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The same run id invoked twice at once (two direct invocations; the state machine never does it)
 * runs once: while the first invocation lives, the second waits for the run lock (one second in
 * this profile) and is refused, saying the run is already running; the first goes on and ends
 * SUCCEEDED, and the market data was fetched once.
 */
@QuarkusTest
@TestProfile(LockWaitStatementCountTest.ShortLockWait.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class SameRunTwiceTest {

    private static final List<String> SYMBOLS = List.of("SRT");
    private static final String REQUEST = "{\"symbols\":[\"SRT\"],\"steps\":[\"company\"],\"runId\":\"same-run-twice\"}";

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    @Inject
    Pipeline pipeline;
    @Inject
    RunRequestReader reader;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void captureLogs() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        runs.forget(SYMBOLS);
        simulator.resetCounters();
    }

    @AfterEach
    void restore() {
        simulator.setLatency(Duration.ZERO);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void sameRunIdInvokedTwiceAtOnce_runsOnce_theSecondIsRefusedWhileTheFirstLives() throws Exception {
        // Arrange: a slow API keeps the first invocation running
        simulator.setLatency(Duration.ofSeconds(3));
        CompletableFuture<JsonPath> first = CompletableFuture.supplyAsync(() -> runs.run(REQUEST));
        awaitHolder("same-run-twice");

        // Act: a second invocation of the same run in another container (the mock event server
        // runs one invocation at a time, so it calls the pipeline as its handler would)
        Throwable second = catchThrowable(() -> pipeline.run(
                reader.read(new ObjectMapper().readTree(REQUEST), Trigger.DIRECT), Deadline.none()));
        JsonPath report = first.get(2, TimeUnit.MINUTES);

        // Assert
        assertThat(second).isInstanceOf(RunLockedException.class)
                .hasMessageContaining("run same-run-twice is already running in another invocation")
                .hasMessageContaining("Try again when that run has finished");
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(report.getList("invocations")).hasSize(1);
        assertThat(simulator.requests("profile")).as("profile requests: the run's work was done once").isEqualTo(1);
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM RUN_LEDGER WHERE RUN_ID = 'same-run-twice'")).isEqualTo(1);
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
