package org.marketetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.testing.JdbcUrlDataSource;
import org.marketetl.testing.SecretsExtensionStandIn;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stage files belong to their run, with two processes at once: two run functions of
 * {@code function.zip} under the Lambda emulator, each on a warehouse of its own (two fakesnow
 * servers), share one stage directory, as a local run beside the tests or the benchmark's
 * scenarios once shared the temporary directory. Function A's lock lapses 2 s after its last
 * renewal and its plan allows 4 calls a 2-second window, so the company step of 30 symbols waits
 * in the rate window for seven windows, its stage file written chunk by chunk (10 symbols each)
 * and lying still for longer than the lock expiry in between; meanwhile function B runs again
 * and again, each run taking its own warehouse's lock. Removing stage files by age, B's runs
 * deleted A's file and A's company step failed (the 500-symbol backfill of issue 21). Then A dies
 * (its process killed) with stage files written, and the next run on A's warehouse, taking the
 * dead lock over, leaves no file behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageFilesIT {

    private static final Duration EXPIRY = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FmpSimulator simulator;
    private static WarehouseResource warehouseA;
    private static WarehouseResource warehouseB;
    private static WarehouseProbe probeA;
    private static SecretsExtensionStandIn secrets;
    private static LambdaEmulator functionA;
    private static LambdaEmulator functionB;
    private static Path stage;

    @BeforeAll
    static void deployTwoFunctions() throws Exception {
        Path work = Path.of(LambdaEmulator.required("lambda.work-dir")).resolve("stage-files");
        Path task = LambdaEmulator.unzip(Path.of(LambdaEmulator.required("lambda.function-zip")), work.resolve("task"));
        String packaging = PackagedFunctionIT.packaging(task);
        stage = work.resolve("stage").toAbsolutePath();
        deleteTree(stage);
        Files.createDirectories(stage);
        simulator = FmpSimulator.start(SimulatorConfig.builder().apiKey(PackagedFunctionIT.API_KEY)
                .acceptAnySymbol(true).build());
        secrets = PackagedFunctionIT.secretsExtension();
        warehouseA = new WarehouseResource();
        Map<String, String> configA = warehouseA.start();
        warehouseB = new WarehouseResource();
        Map<String, String> configB = warehouseB.start();
        probeA = new WarehouseProbe(new JdbcUrlDataSource(configA.get("quarkus.datasource.snowflake.jdbc.url"),
                configA.get("quarkus.datasource.snowflake.username"),
                configA.get("quarkus.datasource.snowflake.password")));

        Map<String, String> envA = environment(configA, work);
        envA.put("MARKET_ETL_MARKET_DATA_CALLS_PER_MINUTE", "4");
        envA.put("MARKET_ETL_MARKET_DATA_RATE_WINDOW", "PT2S");
        envA.put("MARKET_ETL_MARKET_DATA_RATE_WINDOW_MARGIN", "PT0.2S");
        functionA = LambdaEmulator.start("stage-function-a", Template.read(), "MarketEtlFunction", packaging, task,
                envA, work);
        functionB = LambdaEmulator.start("stage-function-b", Template.read(), "MarketEtlFunction", packaging, task,
                environment(configB, work), work);
        for (LambdaEmulator function : List.of(functionA, functionB)) {
            assertThat(function.call(PackagedFunctionIT.event("direct-migrate.json")).path("operation").asText())
                    .isEqualTo("migrate");
        }
    }

    /** The shared stage directory, and a lock that lapses 2 s after its last renewal (every 0.5 s). */
    private static Map<String, String> environment(Map<String, String> warehouseConfig, Path work) {
        Map<String, String> env = PackagedFunctionIT.functionEnvironment(warehouseConfig, simulator, secrets, work);
        env.put("MARKET_ETL_WAREHOUSE_STAGE_DIRECTORY", stage.toString());
        env.put("MARKET_ETL_RUN_LOCK_EXPIRY", "PT" + EXPIRY.toSeconds() + "S");
        env.put("MARKET_ETL_RUN_LOCK_RENEW_EVERY", "PT0.5S");
        env.put("MARKET_ETL_RUN_LOCK_WAIT_FOR", "PT30S");
        return env;
    }

    @AfterAll
    static void undeploy() {
        for (AutoCloseable closeable : new AutoCloseable[] { functionA, functionB, simulator, secrets }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // stopping the others matters more
            }
        }
        for (WarehouseResource warehouse : new WarehouseResource[] { warehouseA, warehouseB }) {
            if (warehouse != null) {
                warehouse.stop();
            }
        }
    }

    @Test
    @Order(1)
    void twoRunsOnTwoWarehouses_sharingOneStageDirectory_bothSucceed_thoughOneWaitsInTheRateWindow() throws Exception {
        // Arrange: A's 30 profiles at 4 a window: seven windows of waiting
        CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> call(functionA, companies("stage-a", "SA")));

        // Act: B runs on its own warehouse, again and again, while A goes on
        List<JsonNode> bRuns = new ArrayList<>();
        int whileAsFilesLayStill = 0;
        while (!a.isDone()) {
            boolean stillFile = !files(Instant.now().minus(EXPIRY)).isEmpty();
            bRuns.add(call(functionB, "{\"runId\":\"stage-b-" + bRuns.size() + "\",\"symbols\":[\"SB" + bRuns.size()
                    + "\"],\"steps\":[\"company\"]}"));
            whileAsFilesLayStill += stillFile ? 1 : 0;
        }
        JsonNode reportA = a.get();
        System.out.printf("StageFilesIT: A's run took %s ms; B ran %d times meanwhile, %d of them starting while A had "
                + "stage files older than the lock expiry%n", reportA.path("totalMs").asText(), bRuns.size(),
                whileAsFilesLayStill);

        // Assert
        assertThat(whileAsFilesLayStill).as("B's runs started while A had stage files older than the lock expiry")
                .isPositive();
        assertThat(reportA.path("status").asText()).as(reportA.toString()).isEqualTo("SUCCEEDED");
        assertThat(bRuns).allSatisfy(b -> assertThat(b.path("status").asText()).as(b.toString()).isEqualTo("SUCCEEDED"));
        assertThat(files(Instant.MAX)).as("stage files left behind").isEmpty();
    }

    @Test
    @Order(2)
    void runThatDiesWithStageFiles_leavesNone_onceTheNextRunTakesItsLockOver() throws Exception {
        // Arrange: A dies (its process killed, as at a timeout or out of memory) while it fetches,
        // its first chunk of profiles staged
        CompletableFuture<JsonNode> dying = CompletableFuture.supplyAsync(() -> invoke(functionA,
                companies("stage-dies", "SD")));
        List<Path> left = awaitFiles();
        assertThat(functionA.killRuntime()).as("runtime processes killed").isPositive();
        dying.get(1, TimeUnit.MINUTES);
        assertThat(left).as("the dead run's stage files").allSatisfy(file -> assertThat(file).exists());

        // Act: the next run on A's warehouse takes the dead run's lock over once it has lapsed
        JsonNode next = call(functionA, "{\"runId\":\"stage-after-death\",\"symbols\":[\"SE\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(next.path("status").asText()).as(next.toString()).isEqualTo("SUCCEEDED");
        assertThat(left).allSatisfy(file -> assertThat(file).doesNotExist());
        assertThat(files(Instant.MAX)).as("stage files left behind").isEmpty();
        assertThat(probeA.strings("SELECT RUN_STATUS FROM RUN_LEDGER WHERE RUN_ID = 'stage-dies'"))
                .containsExactly("ABANDONED");
    }

    /** The company step for 30 symbols named {@code prefix} and a number. */
    private static String companies(String runId, String prefix) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            symbols.add("\"" + prefix + i + "\"");
        }
        return "{\"runId\":\"" + runId + "\",\"mode\":\"backfill\",\"symbols\":" + symbols
                + ",\"steps\":[\"company\"]}";
    }

    private static JsonNode call(LambdaEmulator function, String request) {
        try {
            return function.call(JSON.readTree(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode invoke(LambdaEmulator function, String request) {
        try {
            return function.invoke(JSON.readTree(request)).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> awaitFiles() throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(giveUp)) {
            List<Path> files = files(Instant.MAX);
            if (!files.isEmpty()) {
                return files;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run wrote no stage file within a minute");
    }

    /** Stage files anywhere in the shared stage directory, last written before {@code before}. */
    private static List<Path> files(Instant before) {
        try (Stream<Path> tree = Files.walk(stage)) {
            return tree.filter(Files::isRegularFile).filter(file -> modified(file).toInstant().isBefore(before)).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // a file deleted while listed: the next look sees the directory as it is
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> tree = Files.walk(directory)) {
                for (Path path : tree.sorted((x, y) -> y.compareTo(x)).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
