package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.FaultProfile;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Stage files belong to their run: a run writes them in a directory of its own under its
 * warehouse's directory, and removes it when it ends; the run that takes over a dead run's lock
 * removes every file the dead run left, however fresh (never by age), and leaves another
 * warehouse's files in the same stage directory alone, however old. Two runs on two warehouses
 * at once, one waiting in the rate window: {@code org.marketetl.deploy.StageFilesIT}.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class RunStageTest {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final Pattern STAGED = Pattern.compile("staging STG_\\w+ in (\\S+)");

    private SecretScan scan;
    private FaultRuns runs;
    private Path root;
    private Path warehouse;
    private Path otherWarehouse;

    @BeforeEach
    void captureLogs() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        root = Path.of(System.getProperty("java.io.tmpdir"));
        warehouse = WarehouseStage.directory(root);
        otherWarehouse = root.resolve(StageDirectory.PREFIX + "0000run0stage0test");
    }

    @AfterEach
    void cleanUp() throws IOException {
        StageDirectory.remove(otherWarehouse);
        runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = NULL, OWNER = NULL, ACQUIRED_AT = NULL, RENEWED_AT = NULL, "
                + "EXPIRES_AT = NULL");
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void aRunsStageFiles_lieInADirectoryOfItsOwn_underItsWarehouses_andAreGoneWhenItEnds() {
        // Arrange
        runs.forget(List.of("RSA", "RSB"));

        // Act
        JsonPath report = runs.run("{\"runId\":\"stage-own-dir\",\"mode\":\"backfill\",\"symbols\":[\"RSA\",\"RSB\"],"
                + "\"steps\":[\"company\",\"price\"]}");

        // Assert
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        List<Path> staged = scan.captured().stream().map(STAGED::matcher).filter(Matcher::find)
                .map(m -> Path.of(m.group(1))).toList();
        assertThat(staged).as("stage files written").hasSizeGreaterThanOrEqualTo(2).allSatisfy(file -> {
            assertThat(file.getParent().getParent()).isEqualTo(warehouse);
            assertThat(file.getParent().getFileName().toString()).startsWith("stage-own-dir-");
            assertThat(file.getParent()).doesNotExist();
        });
    }

    @Test
    void takingOverADeadRunsLock_removesEveryFileItLeft_butNotAnotherWarehouses() throws IOException {
        // Arrange: a run died holding the lock, leaving an old file and one written just before it
        // died; another warehouse's run has a file in the same stage directory, untouched for an hour
        Path dead = StageDirectory.ofRun(warehouse, "run-died-here", "dead-owner");
        Path deadOld = file(dead.resolve("market-etl-STG_COMPANY-1.csv.gz"), Duration.ofHours(1));
        Path deadFresh = file(dead.resolve("market-etl-STG_DAILY_PRICE-2.csv.gz"), Duration.ZERO);
        Path others = file(otherWarehouse.resolve("run-elsewhere-owner").resolve("market-etl-STG_COMPANY-3.csv.gz"),
                Duration.ofHours(1));
        Instant now = Instant.now();
        runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = ?, OWNER = ?, ACQUIRED_AT = CAST(? AS TIMESTAMP), "
                + "RENEWED_AT = CAST(? AS TIMESTAMP), EXPIRES_AT = CAST(? AS TIMESTAMP) WHERE LOCK_NAME = 'pipeline'",
                "run-died-here", "dead-owner", UTC.format(now.minusSeconds(600)), UTC.format(now.minusSeconds(180)),
                UTC.format(now.minusSeconds(60)));

        // Act
        JsonPath report = runs.run("{\"runId\":\"stage-takes-over\",\"symbols\":[\"RSC\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(deadOld).doesNotExist();
        assertThat(deadFresh).doesNotExist();
        assertThat(dead).doesNotExist();
        assertThat(others).exists();
        assertThat(scan.captured()).anyMatch(line -> line.contains(dead.toString())
                && line.contains("removed the stage files that dead run invocations left on this warehouse"));
    }

    /** A stage file as a run writes one, last modified {@code age} ago. */
    private static Path file(Path path, Duration age) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[] { 31, -117, 8 });
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(age)));
        return path;
    }
}
