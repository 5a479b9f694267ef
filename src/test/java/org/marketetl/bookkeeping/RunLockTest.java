package org.marketetl.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.FaultProfile;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.MetricLines;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The run lock: while another run holds it, a run waits (one second in this profile) and is
 * refused, naming the holder, having written nothing (the state machine retries it, see
 * OrchestrationIT); a holder whose lock expired (it died) is taken over; a run releases the lock
 * when it ends; the same run id takes its own lock at once.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class RunLockTest {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final String HOLDER = "run-crashed-elsewhere-1";

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void captureLogs() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
    }

    @AfterEach
    void freeTheLock_andScanForSecrets() {
        runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = NULL, ACQUIRED_AT = NULL, EXPIRES_AT = NULL");
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void lockHeldByAnotherRun_refusesADirectRun_namingTheHolder_andWritesNothing() {
        // Arrange
        hold(HOLDER, Instant.now().plus(Duration.ofMinutes(10)));

        // Act
        Response refused;
        List<JsonNode> refusals;
        try (MetricLines metrics = MetricLines.capture()) {
            refused = runs.invoke("{\"runId\":\"lock-refused-direct\",\"symbols\":[\"LKA\"],\"steps\":[\"company\"]}");
            refusals = metrics.with("LockRefused");
        }

        // Assert
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.jsonPath().getString("errorMessage")).contains("another run holds the run lock: " + HOLDER)
                .contains("lock-refused-direct was not started");
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL = 'LKA'")).isZero();
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM RUN_LEDGER WHERE RUN_ID = 'lock-refused-direct'")).isZero();
        assertThat(holder()).isEqualTo(HOLDER);
        assertThat(refusals).singleElement().satisfies(line -> {
            assertThat(line.path("RunId").asText()).isEqualTo("lock-refused-direct");
            assertThat(line.path("LockRefused").asInt()).isEqualTo(1);
            assertThat(line.path("LockWaitMs").asLong()).as("it waited before it was refused").isPositive();
        });
    }

    @Test
    void expiredLockOfACrashedRun_isTakenOver_andReleasedWhenTheRunEnds() {
        // Arrange
        hold(HOLDER, Instant.now().minus(Duration.ofMinutes(1)));

        // Act
        JsonPath report = runs.run("{\"runId\":\"lock-takes-over\",\"symbols\":[\"LKC\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL = 'LKC'")).isEqualTo(1);
        assertThat(holder()).isNull();
    }

    @Test
    void lockHeldByTheSameRunId_isTakenAtOnce_asAContinuationOrRetryNeedsIt() {
        // Arrange: the run's own earlier invocation died holding the lock
        hold("lock-own-run", Instant.now().plus(Duration.ofMinutes(10)));

        // Act
        JsonPath report = runs.run("{\"runId\":\"lock-own-run\",\"symbols\":[\"LKE\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(holder()).isNull();
    }

    @Test
    void freeLock_isTakenAndReleased_runAfterRun() {
        // Act
        JsonPath first = runs.run("{\"symbols\":[\"LKD\"],\"steps\":[\"company\"]}");
        JsonPath second = runs.run("{\"symbols\":[\"LKD\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(first.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(holder()).isNull();
    }

    /** What a run in another container does: holds the lock, here written straight into the ledger. */
    private void hold(String runId, Instant expiresAt) {
        int updated = runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = ?, ACQUIRED_AT = CAST(? AS TIMESTAMP), "
                + "EXPIRES_AT = CAST(? AS TIMESTAMP) WHERE LOCK_NAME = 'pipeline'", runId,
                UTC.format(expiresAt.minus(Duration.ofMinutes(16))), UTC.format(expiresAt));
        assertThat(updated).isEqualTo(1);
    }

    private String holder() {
        return runs.warehouse().strings("SELECT HOLDER FROM RUN_LOCK WHERE LOCK_NAME = 'pipeline'").get(0);
    }
}
