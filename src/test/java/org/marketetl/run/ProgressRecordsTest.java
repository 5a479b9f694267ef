package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
 * A run records its progress from two sides at once: the lock's renewal thread, and each load
 * step as it finishes on a worker thread. Both write the run's one ledger row; written at the same
 * moment, DuckDB refused one of them ("Conflict on update!", logged as a failed progress record).
 * Here renewals come every 20 ms, so the steps' records always meet one: none may fail.
 */
@QuarkusTest
@TestProfile(ProgressRecordsTest.ConstantRenewals.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class ProgressRecordsTest {

    /** A renewal, and so a progress record, every 20 ms. */
    public static class ConstantRenewals implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.run.lock.renew-every", "PT0.02S",
                    "market-etl.run.lock.expiry", "PT30S");
        }
    }

    private static final List<String> SYMBOLS = List.of("PRA", "PRB", "PRC");

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void captureLogs() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        runs.forget(SYMBOLS);
    }

    @AfterEach
    void scanForSecrets() {
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void progressRecordsOfTheRenewalsAndOfFinishingSteps_neverConflict() {
        // Act
        JsonPath report = runs.run("{\"runId\":\"progress-records\",\"mode\":\"backfill\","
                + "\"symbols\":[\"PRA\",\"PRB\",\"PRC\"]}");

        // Assert
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(scan.captured()).as("the log")
                .noneMatch(line -> line.contains("could not record the progress"))
                .noneMatch(line -> line.contains("could not renew the run lock"))
                .noneMatch(line -> line.contains("Conflict on update"));
        assertThat(runs.warehouse().strings("SELECT RUN_STATUS FROM RUN_LEDGER WHERE RUN_ID = 'progress-records'"))
                .containsExactly("SUCCEEDED");
    }
}
