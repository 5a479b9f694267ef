package org.marketetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code target/function.zip} run as Lambda runs it: unpacked as the task root, behind the AWS
 * Lambda Runtime Interface Emulator, started by the same command as the {@code java21} runtime
 * (the runtime interface client on the class path, the task root as working directory, from which
 * the client loads the zip's root and {@code lib/*.jar}), or by {@code bootstrap} when the zip is
 * a native build. The warehouse is fakesnow through the real snowflake-jdbc driver and FMP is the
 * project's simulator; configuration reaches the function as environment variables only, as in
 * Lambda. Each sample event of {@code infra/events} is invoked and its answer checked.
 * Not covered: the secrets extension (the FMP key and Snowflake credentials are plain variables
 * here), API Gateway and EventBridge themselves (their events are samples).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedFunctionIT {

    private static final String API_KEY = "packaged-test-key-0123456789";
    private static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final Path EVENTS = Path.of("infra", "events");
    private static final Duration START = Duration.ofSeconds(30);
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
    private static Process emulator;
    private static Path emulatorLog;
    private static URI invocations;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String apiRunId;

    @BeforeAll
    static void startFunction() throws Exception {
        Path zip = Path.of(required("lambda.function-zip"));
        Path rie = Path.of(required("lambda.emulator"));
        Path ric = Path.of(required("lambda.runtime-client"));
        Path work = Path.of(required("lambda.work-dir"));
        assertThat(zip).as("function.zip, built by `package`").isRegularFile();
        assertThat(rie).as("the Lambda emulator, built by the lambda-emulator execution (go install)").isExecutable();
        assertThat(ric).as("the runtime interface client, copied by the lambda-runtime-client execution").isDirectory();

        Path task = unzip(zip, work.resolve("task"));
        simulator = FmpSimulator.start(SimulatorConfig.builder().apiKey(API_KEY).acceptAnySymbol(true).build());
        warehouse = new WarehouseResource();
        Map<String, String> warehouseConfig = warehouse.start();

        int port = freePort();
        invocations = URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
        List<String> command = new ArrayList<>(List.of(rie.toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                "--runtime-api-address", "127.0.0.1:" + freePort()));
        command.addAll(runtimeCommand(task, ric));

        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true);
        emulatorLog = work.resolve("emulator.log");
        builder.redirectOutput(emulatorLog.toFile());
        builder.environment().clear();
        builder.environment().putAll(functionEnvironment(warehouseConfig, work));
        emulator = builder.start();
        awaitListening(port);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.destroy();
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
        JsonNode answer = invoke(event("direct-migrate.json"));

        assertThat(answer.path("operation").asText()).as(answer.toString()).isEqualTo("migrate");
        assertThat(answer.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(answer.path("applied")).isNotEmpty();
        double initMs = Double.parseDouble(awaitLog(INIT_REPORT));
        assertThat(initMs).as("init duration, ms").isPositive();
        System.out.printf(Locale.ROOT, "PackagedFunctionIT: init duration %.0f ms as the emulator reports it "
                + "(INIT REPORT); Quarkus started in %s (%s)%n", initMs, awaitLog(QUARKUS_STARTED),
                Files.exists(Path.of(required("lambda.work-dir"), "task", "bootstrap")) ? "native" : "JVM, java21 command");
    }

    @Test
    @Order(2)
    void scheduledEvent_runsIncrementally() throws Exception {
        JsonNode report = invoke(event("eventbridge-scheduled.json"));

        assertLoaded(report, "schedule", "incremental");
    }

    @Test
    @Order(3)
    void nightlyRuleInput_runsIncrementallyAsTheSchedule() throws Exception {
        JsonNode report = invoke(event("eventbridge-nightly.json"));

        assertLoaded(report, "schedule", "incremental");
    }

    @Test
    @Order(4)
    void directRequest_runsTheBackfillItAsksFor() throws Exception {
        JsonNode report = invoke(event("direct-run.json"));

        assertLoaded(report, "direct", "backfill");
        assertThat(report.path("symbols").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void restApiPost_answersAProxyResponseWithTheReport() throws Exception {
        JsonNode response = invoke(event("apigw-v1-post-run.json"));

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.path("body").asText());
        assertLoaded(report, "api", "backfill");
        apiRunId = report.path("runId").asText();
    }

    @Test
    @Order(6)
    void restApiGet_answersTheStoredReport() throws Exception {
        assertThat(apiRunId).as("the POST /runs test ran first").isNotBlank();
        ObjectNode get = (ObjectNode) event("apigw-v1-get-run.json");
        get.put("path", "/runs/" + apiRunId);
        ((ObjectNode) get.get("pathParameters")).put("runId", apiRunId);

        JsonNode response = invoke(get);

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(JSON.readTree(response.path("body").asText()).path("runId").asText()).isEqualTo(apiRunId);
    }

    @Test
    @Order(7)
    void httpApiPost_decodesTheBase64Body() throws Exception {
        JsonNode response = invoke(event("apigw-v2-post-run.json"));

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.path("body").asText());
        assertLoaded(report, "api", "backfill");
        assertThat(report.path("symbols").asInt()).isEqualTo(1);
    }

    @Test
    @Order(8)
    void restApiGetOfAnUnknownRun_is404() throws Exception {
        ObjectNode get = (ObjectNode) event("apigw-v1-get-run.json");

        JsonNode response = invoke(get);

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(404);
    }

    @Test
    @Order(9)
    void restApiPostWithMalformedBody_is400() throws Exception {
        ObjectNode post = (ObjectNode) event("apigw-v1-post-run.json");
        post.put("body", "{\"mode\":\"sideways\"}");

        JsonNode response = invoke(post);

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(400);
        assertThat(JSON.readTree(response.path("body").asText()).path("error").asText()).contains("mode");
    }

    @Test
    @Order(10)
    void malformedDirectRequest_failsTheInvocationWithTheReason() throws Exception {
        JsonNode error = invoke(JSON.readTree("{\"mode\":\"sideways\"}"));

        assertThat(error.path("errorType").asText()).as(error.toString()).endsWith("InvalidRunRequestException");
        assertThat(error.path("errorMessage").asText()).contains("mode");
    }

    @Test
    @Order(11)
    void s3Notification_isRefused() throws Exception {
        JsonNode s3;
        try (InputStream in = PackagedFunctionIT.class.getResourceAsStream("/events/s3-put.json")) {
            s3 = JSON.readTree(in);
        }

        JsonNode error = invoke(s3);

        assertThat(error.path("errorType").asText()).as(error.toString()).endsWith("UnsupportedEventException");
        assertThat(error.path("errorMessage").asText()).contains("Records");
    }

    @Test
    @Order(12)
    void everySampleEventIsInvokedHere() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<String> samples = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(samples).containsExactlyInAnyOrder("apigw-v1-get-run.json", "apigw-v1-post-run.json",
                    "apigw-v2-post-run.json", "direct-migrate.json", "direct-run.json", "eventbridge-nightly.json",
                    "eventbridge-scheduled.json");
        }
    }

    /** A run that loaded its data: the load steps SUCCEEDED, whatever the dependent steps did. */
    private static void assertLoaded(JsonNode report, String trigger, String mode) {
        assertThat(report.path("trigger").asText()).as(report.toString()).isEqualTo(trigger);
        assertThat(report.path("mode").asText()).isEqualTo(mode);
        assertThat(report.path("status").asText()).isIn("SUCCEEDED", "PARTIAL");
        Map<String, String> steps = new HashMap<>();
        report.path("steps").forEach(s -> steps.put(s.path("step").asText(), s.path("status").asText()));
        assertThat(steps).as(report.toString()).containsEntry("company", "SUCCEEDED")
                .containsEntry("price", "SUCCEEDED").containsEntry("financial", "SUCCEEDED");
    }

    /**
     * The java21 runtime's command: {@code java ... -cp /var/runtime/lib/* AWSLambda HANDLER} in
     * /var/task; the client itself adds the task root and {@code lib/*.jar} in a class loader of
     * its own. JVM options approximate the runtime's defaults for 1024 MB (serial GC, C1 only).
     */
    private static List<String> runtimeCommand(Path task, Path ric) {
        Path bootstrap = task.resolve("bootstrap");
        if (Files.isExecutable(bootstrap)) {
            return List.of(bootstrap.toString());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-XX:MaxHeapSize=870m", "-XX:+UseSerialGC", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true", "-Dfile.encoding=UTF-8",
                "-cp", ric.toAbsolutePath() + "/*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER);
    }

    /** Lambda's environment: the template's variables, pointed at the simulator and fakesnow. */
    private static Map<String, String> functionEnvironment(Map<String, String> warehouseConfig, Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("HOME", work.toAbsolutePath().toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", "900");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_REGION", "us-east-1");
        env.put("LAMBDA_TASK_ROOT", work.resolve("task").toAbsolutePath().toString());
        // As template.yaml sets them.
        env.put("SNOWFLAKE_DISABLE_MINICORE", "true");
        env.put("SF_OCSP_RESPONSE_CACHE_DIR", work.resolve("ocsp").toAbsolutePath().toString());
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        // fakesnow answers Arrow whatever the requested format, which needs java.nio opened (JVM only).
        env.put("JAVA_TOOL_OPTIONS", "--add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC");
        warehouseConfig.forEach((property, value) -> env.put(environmentName(property), value));
        env.put("QUARKUS_REST_CLIENT_FMP_URL", simulator.baseUrl());
        env.put("FMP_API_KEY", API_KEY);
        // A small universe and history keep fakesnow's row-by-row inserts quick.
        env.put("MARKET_ETL_RUN_UNIVERSE", "AAPL,MSFT");
        env.put("MARKET_ETL_RUN_HISTORY_YEARS", "1");
        env.put("MARKET_ETL_RUN_AS_OF", SimulatorConfig.DEFAULT_AS_OF.toString());
        env.put("MARKET_ETL_MARKET_DATA_CALLS_PER_MINUTE", "60000");
        return env;
    }

    /** MicroProfile Config's rule: every non-alphanumeric character becomes '_', all upper case. */
    private static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static JsonNode event(String name) throws IOException {
        return JSON.readTree(EVENTS.resolve(name).toFile());
    }

    private static JsonNode invoke(JsonNode event) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(invocations).timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("emulator answer %s; see %s", response.body(), emulatorLog).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String awaitLog(Pattern pattern) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(giveUp)) {
            Matcher matcher = pattern.matcher(Files.readString(emulatorLog));
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the emulator logged no '" + pattern + "'; see " + emulatorLog);
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path bootstrap = target.resolve("bootstrap");
        if (Files.exists(bootstrap)) {
            // ZipInputStream drops Unix modes; Lambda runs bootstrap as an executable.
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return target;
    }

    private static void awaitListening(int port) throws InterruptedException {
        Instant giveUp = Instant.now().plus(START);
        while (Instant.now().isBefore(giveUp)) {
            if (!emulator.isAlive()) {
                throw new IllegalStateException("the Lambda emulator exited with " + emulator.exitValue() + "; see " + emulatorLog);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the Lambda emulator did not listen on " + port + " within " + START);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven (failsafe)");
        }
        return value;
    }
}
