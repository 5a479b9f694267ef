package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import com.sun.security.auth.module.UnixSystem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A stage directory whose disk fills up under a backfill: a real 32 KB tmpfs of the test's own,
 * so the operating system answers "No space left on device" as a full /tmp would. The step fails
 * and says what ran out, where, how large the file had grown and which setting moves it, in the
 * report and in the log; the tables stay as they were, and no stage file is left behind, deleted
 * or open (the disk unmounts: an open file would keep it busy and its space taken).
 * Mounting needs root, as the build machines have (CI runs as root and fails if this was skipped);
 * for anyone else it is skipped, saying so.
 */
@QuarkusTest
@TestProfile(FullStageDiskTest.SmallStageDisk.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class FullStageDiskTest {

    static final Path DISK = Path.of("target", "stage-disk-32k").toAbsolutePath();

    /** The stage directory on the small disk. */
    public static class SmallStageDisk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.warehouse.stage-directory", DISK.toString());
        }
    }

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        assumeTrue(new UnixSystem().getUid() == 0, "needs root: it mounts a 32 KB tmpfs as the stage directory, "
                + "so that the operating system itself answers 'No space left on device'");
        Files.createDirectories(DISK);
        command("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", DISK.toString());
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
    }

    @AfterEach
    void unmount() throws Exception {
        if (scan == null) {
            return; // skipped: nothing mounted
        }
        scan.close();
        command("umount", DISK.toString());
        scan.assertNoSecrets();
    }

    @Test
    void fullStageDisk_failsTheStep_sayingWhatRanOutWhereAndHowMuch_andLeavesTheTablesAsTheyWere() throws IOException {
        // Arrange: five years of prices for five symbols, a few hundred KB gzipped
        Map<String, String> before = WarehouseProbe.current().fingerprints(WarehouseProbe.RAW_TABLES);

        // Act
        JsonPath report = runs.run("{\"mode\":\"backfill\",\"symbols\":[\"FDA\",\"FDB\",\"FDC\",\"FDD\",\"FDE\"],"
                + "\"steps\":[\"price\"]}");

        // Assert
        assertThat(report.getString("status")).isEqualTo("FAILED");
        String error = report.getString("steps.find { it.step == 'price' }.error");
        assertThat(error).contains("cannot write the stage file for STG_DAILY_PRICE in " + DISK)
                .contains("the disk is full (No space left on device)")
                .containsPattern("the file needed [1-9][0-9,]* KB so far, \\d+ KB free there")
                .contains("set market-etl.warehouse.stage-directory to a directory with room");
        assertThat(scan.captured()).as("the log").anyMatch(line -> line.contains(error));
        assertThat(WarehouseProbe.current().fingerprints(WarehouseProbe.RAW_TABLES)).isEqualTo(before);
        try (Stream<Path> left = Files.walk(DISK)) {
            assertThat(left.filter(Files::isRegularFile)).as("stage files left behind").isEmpty();
        }
    }

    private static void command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s (running as root, yet the small tmpfs could not be mounted): %s",
                List.of(command), output).isZero();
    }
}
