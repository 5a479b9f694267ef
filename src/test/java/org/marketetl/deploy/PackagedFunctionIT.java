package org.marketetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The run function of {@code target/function.zip} as Lambda runs it ({@link LambdaEmulator}), with
 * the runtime, handler and environment {@code template.yaml} gives it: the warehouse is fakesnow
 * through the real snowflake-jdbc driver, FMP the project's simulator. Each sample event of
 * {@code infra/events} that the run function takes is invoked here and its answer checked; the API
 * samples go to the API function in {@link OrchestrationIT}. Not covered: the secrets extension
 * (the FMP key and Snowflake credentials are plain variables here), EventBridge itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedFunctionIT {

    static final String API_KEY = "packaged-test-key-0123456789";
    static final Path EVENTS = Path.of("infra", "events");
    /**
     * The emulator's own record of the init phase (runtime start to its first {@code /next}). Its
     * REPORT line's "Init Duration" is not the figure: this emulator starts init asynchronously
     * and reports well under a millisecond there.
     */
    private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in ([0-9.]+s)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FmpSimulator simulator;
    private static WarehouseResource warehouse;
    private static Map<String, String> warehouseConfig;
    private static LambdaEmulator function;
    private static String packaging;

    @BeforeAll
    static void startFunction() throws Exception {
        Path work = Path.of(LambdaEmulator.required("lambda.work-dir"));
        Path task = LambdaEmulator.unzip(Path.of(LambdaEmulator.required("lambda.function-zip")), work.resolve("task"));
        packaging = packaging(task);
        simulator = FmpSimulator.start(SimulatorConfig.builder().apiKey(API_KEY).acceptAnySymbol(true).build());
        warehouse = new WarehouseResource();
        warehouseConfig = warehouse.start();
        Map<String, String> env = functionEnvironment(warehouseConfig, simulator, work);
        function = LambdaEmulator.start("run-function", Template.read(), "MarketEtlFunction", packaging, task, env, work);
    }

    @AfterAll
    static void stop() {
        if (function != null) {
            function.close();
        }
        if (warehouse != null) {
            warehouse.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @Order(1)
    void migrateOperation_appliesTheSchema_andTheEmulatorReportsInit() throws Exception {
        JsonNode answer = function.call(event("direct-migrate.json"));

        assertThat(answer.path("operation").asText()).as(answer.toString()).isEqualTo("migrate");
        assertThat(answer.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(answer.path("applied")).isNotEmpty();
        double initMs = Double.parseDouble(function.awaitLog(INIT_REPORT));
        assertThat(initMs).as("init duration, ms").isPositive();
        System.out.printf(Locale.ROOT, "PackagedFunctionIT: init duration %.0f ms as the emulator reports it "
                + "(INIT REPORT); Quarkus started in %s (%s packaging, runtime %s)%n", initMs,
                function.awaitLog(QUARKUS_STARTED), packaging,
                Template.read().functionProperty("MarketEtlFunction", "Runtime", packaging));
    }

    @Test
    @Order(2)
    void theStateMachinesTask_runsTheRunItNames() throws Exception {
        JsonNode report = function.call(event("state-machine-task.json"));

        assertLoaded(report, "schedule", "incremental");
        assertThat(report.path("runId").asText()).isEqualTo("nightly-2026-11-25");
        assertThat(report.path("workLeft").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void scheduledEvent_runsIncrementally() throws Exception {
        JsonNode report = function.call(event("eventbridge-scheduled.json"));

        assertLoaded(report, "schedule", "incremental");
    }

    @Test
    @Order(4)
    void directRequest_runsTheBackfillItAsksFor() throws Exception {
        JsonNode report = function.call(event("direct-run.json"));

        assertLoaded(report, "direct", "backfill");
        assertThat(report.path("symbols").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void malformedDirectRequest_failsTheInvocationWithTheReason() throws Exception {
        JsonNode error = function.call(JSON.readTree("{\"mode\":\"sideways\"}"));

        assertThat(error.path("errorType").asText()).as(error.toString())
                .isEqualTo("org.marketetl.run.InvalidRunRequestException");
        assertThat(error.path("errorMessage").asText()).contains("mode");
    }

    @Test
    @Order(6)
    void s3Notification_isRefused() throws Exception {
        JsonNode s3;
        try (InputStream in = PackagedFunctionIT.class.getResourceAsStream("/events/s3-put.json")) {
            s3 = JSON.readTree(in);
        }

        JsonNode error = function.call(s3);

        assertThat(error.path("errorType").asText()).as(error.toString()).endsWith("UnsupportedEventException");
        assertThat(error.path("errorMessage").asText()).contains("Records");
    }

    @Test
    @Order(7)
    void apiGatewayEvent_isRefused_namingTheApiFunction() throws Exception {
        JsonNode error = function.call(event("apigw-v1-post-run.json"));

        assertThat(error.path("errorType").asText()).as(error.toString()).endsWith("UnsupportedEventException");
        assertThat(error.path("errorMessage").asText()).contains("API function");
    }

    /**
     * An {@code Error} in the handler (here the NoClassDefFoundError of a class missing from the
     * task root, as a native image missing a registration throws one) fails the invocation at once
     * with the reason, and the function answers the next invocation too. (The runtime interface
     * client reports any Throwable; the handler turns Errors into an exception of its own so that
     * Quarkus' poll loop, which the native bootstrap runs and which catches exceptions only, does
     * as well: HandlerErrorTest shows that loop.)
     */
    @Test
    @Order(8)
    void errorInTheHandler_failsTheInvocationAtOnce_andTheNextIsAnsweredToo() throws Exception {
        Path work = Path.of(LambdaEmulator.required("lambda.work-dir"));
        Path broken = taskWithout(work.resolve("task"), work.resolve("task-broken"),
                Path.of("org", "marketetl", "lambda", "EventShapes.class"));
        Map<String, String> env = functionEnvironment(warehouseConfig, simulator, work);
        try (LambdaEmulator brokenFunction = LambdaEmulator.start("run-function-broken", Template.read(),
                "MarketEtlFunction", packaging, broken, env, work)) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                LambdaEmulator.Answer answer = brokenFunction.invoke(event("direct-run.json"));

                assertThat(answer.body().path("errorType").asText()).as("attempt %d: %s", attempt, answer.body())
                        .isEqualTo("org.marketetl.lambda.InternalFailureException");
                assertThat(answer.body().path("errorMessage").asText()).contains("NoClassDefFoundError")
                        .contains("EventShapes");
            }
        }
    }

    @Test
    @Order(9)
    void everySampleEventIsInvokedByAPackagedTest() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<String> samples = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(samples).containsExactlyInAnyOrder(
                    // here
                    "direct-migrate.json", "direct-run.json", "eventbridge-scheduled.json", "state-machine-task.json",
                    // OrchestrationIT
                    "apigw-v1-get-run.json", "apigw-v1-post-run.json", "apigw-v2-post-run.json",
                    "state-machine-input.json");
        }
    }

    /** A run that loaded its data: the load steps SUCCEEDED, whatever the dependent steps did. */
    static void assertLoaded(JsonNode report, String trigger, String mode) {
        assertThat(report.path("trigger").asText()).as(report.toString()).isEqualTo(trigger);
        assertThat(report.path("mode").asText()).isEqualTo(mode);
        assertThat(report.path("status").asText()).isIn("SUCCEEDED", "PARTIAL");
        Map<String, String> steps = new HashMap<>();
        report.path("steps").forEach(s -> steps.put(s.path("step").asText(), s.path("status").asText()));
        assertThat(steps).as(report.toString()).containsEntry("company", "SUCCEEDED")
                .containsEntry("price", "SUCCEEDED").containsEntry("financial", "SUCCEEDED");
    }

    /**
     * The zip is native when it holds {@code bootstrap}; a JVM zip runs on the JVM running this
     * test, which must be the Java major of the template's JVM runtime.
     */
    static String packaging(Path task) {
        if (Files.isExecutable(task.resolve("bootstrap"))) {
            return "native";
        }
        String runtime = (String) Template.read().functionProperty("MarketEtlFunction", "Runtime", "jvm");
        assertThat(runtime).as("the template's JVM runtime").startsWith("java");
        assertThat(Runtime.version().feature()).as("the test's JVM runs the Java of the template's runtime %s", runtime)
                .isEqualTo(Integer.parseInt(runtime.substring("java".length())));
        return "jvm";
    }

    /**
     * What the template's variables taken from parameters point at here: fakesnow, the simulator, a
     * small universe and history; the FMP key as a plain variable (no secrets extension).
     */
    static Map<String, String> functionEnvironment(Map<String, String> warehouseConfig, FmpSimulator simulator,
            Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", work.toAbsolutePath().toString());
        env.put("SF_OCSP_RESPONSE_CACHE_DIR", work.resolve("ocsp").toAbsolutePath().toString());
        warehouseConfig.forEach((property, value) -> env.put(environmentName(property), value));
        env.put("QUARKUS_REST_CLIENT_FMP_URL", simulator.baseUrl());
        env.put("FMP_API_KEY", API_KEY);
        env.put("MARKET_ETL_RUN_UNIVERSE", "AAPL,MSFT");
        env.put("MARKET_ETL_RUN_HISTORY_YEARS", "1");
        env.put("MARKET_ETL_RUN_AS_OF", SimulatorConfig.DEFAULT_AS_OF.toString());
        env.put("MARKET_ETL_MARKET_DATA_CALLS_PER_MINUTE", "60000");
        return env;
    }

    /** MicroProfile Config's rule: every non-alphanumeric character becomes '_', all upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static JsonNode event(String name) throws IOException {
        return JSON.readTree(EVENTS.resolve(name).toFile());
    }

    /** A task root like {@code task} without {@code missing}: links to everything, a copy of the class directories. */
    private static Path taskWithout(Path task, Path target, Path missing) throws IOException {
        if (!Files.exists(target)) {
            Files.createDirectories(target);
            try (Stream<Path> entries = Files.list(task)) {
                for (Path entry : entries.toList()) {
                    Path name = entry.getFileName();
                    if (name.toString().equals("org")) {
                        try (Stream<Path> tree = Files.walk(entry)) {
                            for (Path file : tree.toList()) {
                                Path copy = target.resolve(task.relativize(file).toString());
                                if (Files.isDirectory(file)) {
                                    Files.createDirectories(copy);
                                } else {
                                    Files.copy(file, copy);
                                }
                            }
                        }
                    } else {
                        Files.createSymbolicLink(target.resolve(name), entry.toAbsolutePath());
                    }
                }
            }
        }
        Files.deleteIfExists(target.resolve(missing.toString()));
        return target;
    }
}
