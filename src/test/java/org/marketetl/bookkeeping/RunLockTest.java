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
 * refused, naming the holder and whether it looks alive, having written nothing (the state machine
 * retries it, see OrchestrationIT); a holder whose lock expired (it died) is taken over; a run
 * releases the lock when it ends. The lock belongs to one invocation of a run id: another
 * invocation of the same run is refused while the holder lives, and takes over once its lock has
 * lapsed, continuing the run (two at once, for real: {@code org.marketetl.run.SameRunTwiceTest}).
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
        runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = NULL, OWNER = NULL, ACQUIRED_AT = NULL, RENEWED_AT = NULL, "
                + "EXPIRES_AT = NULL");
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void lockHeldByAnotherRun_refusesADirectRun_namingTheHolder_andWritesNothing() {
        // Arrange: a live holder, renewed a moment ago
        hold(HOLDER, Instant.now(), Instant.now().plus(Duration.ofMinutes(10)));

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
                .contains("lock-refused-direct was not started")
                .contains("Try again when that run has finished; if it has died, its lock lapses at ");
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
    void holderThatStoppedRenewing_isRefusedAsMostLikelyDead_sayingWhenItsLockLapses() {
        // Arrange: the holder last renewed ten minutes ago (a live one renews every 30 s); its lock
        // has a minute left
        hold(HOLDER, Instant.now().minus(Duration.ofMinutes(10)), Instant.now().plus(Duration.ofMinutes(1)));

        // Act
        Response refused = runs.invoke("{\"runId\":\"lock-refused-dead\",\"symbols\":[\"LKF\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(refused.jsonPath().getString("errorMessage")).contains("another run holds the run lock: " + HOLDER)
                .contains("It has not renewed the lock since ").contains("so it has most likely died")
                .containsPattern("its lock lapses at \\S+ \\(in \\d+ s\\), and a run started after that takes it over")
                .doesNotContain("Try again when that run has finished");
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM RUN_LEDGER WHERE RUN_ID = 'lock-refused-dead'")).isZero();
    }

    @Test
    void expiredLockOfACrashedRun_isTakenOver_andReleasedWhenTheRunEnds() {
        // Arrange
        hold(HOLDER, Instant.now().minus(Duration.ofMinutes(3)), Instant.now().minus(Duration.ofMinutes(1)));

        // Act
        JsonPath report = runs.run("{\"runId\":\"lock-takes-over\",\"symbols\":[\"LKC\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL = 'LKC'")).isEqualTo(1);
        assertThat(holder()).isNull();
    }

    @Test
    void liveInvocationOfTheSameRunId_refusesASecondOne_andNothingRunsTwice() {
        // Arrange: an invocation of the run in another container holds the lock and renews it
        hold("lock-own-run-live", Instant.now(), Instant.now().plus(Duration.ofMinutes(10)));

        // Act
        Response refused = runs.invoke("{\"runId\":\"lock-own-run-live\",\"symbols\":[\"LKG\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.jsonPath().getString("errorType")).isEqualTo(RunLockedException.class.getName());
        assertThat(refused.jsonPath().getString("errorMessage"))
                .contains("run lock-own-run-live is already running in another invocation")
                .contains("this invocation of run lock-own-run-live was not started");
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL = 'LKG'")).isZero();
        assertThat(holder()).isEqualTo("lock-own-run-live");
    }

    @Test
    void deadInvocationOfTheSameRunId_isTakenOverOnceItsLockLapsed_andTheRunGoesOn() {
        // Arrange: the run's own earlier invocation died holding the lock, which has lapsed
        hold("lock-own-run", Instant.now().minus(Duration.ofMinutes(3)), Instant.now().minus(Duration.ofSeconds(1)));

        // Act
        JsonPath report = runs.run("{\"runId\":\"lock-own-run\",\"symbols\":[\"LKE\"],\"steps\":[\"company\"]}");

        // Assert: the run goes on under its own id (not ABANDONED: it is the same run)
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.warehouse().strings("SELECT RUN_STATUS FROM RUN_LEDGER WHERE RUN_ID = 'lock-own-run'"))
                .containsExactly("SUCCEEDED");
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

    /**
     * What an invocation in another container does: holds the lock under an owner token of its
     * own, last renewed at {@code renewedAt}, here written straight into the ledger.
     */
    private void hold(String runId, Instant renewedAt, Instant expiresAt) {
        int updated = runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = ?, OWNER = ?, "
                + "ACQUIRED_AT = CAST(? AS TIMESTAMP), RENEWED_AT = CAST(? AS TIMESTAMP), "
                + "EXPIRES_AT = CAST(? AS TIMESTAMP) WHERE LOCK_NAME = 'pipeline'", runId, "invocation-elsewhere",
                UTC.format(expiresAt.minus(Duration.ofMinutes(16))), UTC.format(renewedAt), UTC.format(expiresAt));
        assertThat(updated).isEqualTo(1);
    }

    private String holder() {
        return runs.warehouse().strings("SELECT HOLDER FROM RUN_LOCK WHERE LOCK_NAME = 'pipeline'").get(0);
    }
}
