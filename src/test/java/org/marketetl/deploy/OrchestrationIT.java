package org.marketetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.testing.JdbcUrlDataSource;
import org.marketetl.testing.MotoServer;
import org.marketetl.testing.SecretsExtensionStandIn;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The deployed shape, run here: the run state machine's definition read from template.yaml,
 * executed by moto's Step Functions (its Amazon States Language interpreter), its Lambda task
 * reaching the run function of function.zip under the Lambda emulator ({@link LambdaEmulator}),
 * and the API function of the same zip under a second emulator, whose Step Functions calls go to
 * the same moto server. The glue (moto's Lambda invoke sent to the emulator) is test code; the
 * state machine and both functions are the real ones. The run function may work six seconds an
 * invocation here (its max duration), one symbol at a time, so a slow simulator makes a backfill
 * take several invocations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrchestrationIT {

    private static final String ACCOUNT = "123456789012";
    private static final String RUN_FUNCTION_ARN = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:market-etl-run:live";
    private static final List<String> SYMBOLS = List.of("ORA", "ORB", "ORC", "ORD", "ORE", "ORF", "ORG", "ORH", "ORI");
    private static final List<String> TABLES = List.of("COMPANY", "DAILY_PRICE", "INCOME_STATEMENT", "BALANCE_SHEET",
            "CASH_FLOW", "FINANCIALS_TTM", "FINANCIAL_RATIOS", "MARKET_METRICS");
    private static final java.util.Set<String> WRITE_TIMES = java.util.Set.of("LOADED_AT", "COMPUTED_AT");
    private static final Duration SLOW = Duration.ofMillis(1500);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FmpSimulator simulator;
    private static WarehouseResource warehouse;
    private static WarehouseProbe probe;
    private static SecretsExtensionStandIn secrets;
    private static LambdaEmulator runFunction;
    private static LambdaEmulator apiFunction;
    private static MotoServer moto;
    private static SfnClient sfn;
    private static String stateMachineArn;

    @BeforeAll
    static void deploy() throws Exception {
        Path work = Path.of(LambdaEmulator.required("lambda.work-dir")).resolve("orchestration");
        Path task = LambdaEmulator.unzip(Path.of(LambdaEmulator.required("lambda.function-zip")), work.resolve("task"));
        String packaging = PackagedFunctionIT.packaging(task);
        Template template = Template.read();
        simulator = FmpSimulator.start(SimulatorConfig.builder().apiKey(PackagedFunctionIT.API_KEY)
                .acceptAnySymbol(true).build());
        warehouse = new WarehouseResource();
        Map<String, String> warehouseConfig = warehouse.start();
        probe = new WarehouseProbe(new JdbcUrlDataSource(warehouseConfig.get("quarkus.datasource.snowflake.jdbc.url"),
                warehouseConfig.get("quarkus.datasource.snowflake.username"),
                warehouseConfig.get("quarkus.datasource.snowflake.password")));

        secrets = PackagedFunctionIT.secretsExtension();
        Map<String, String> runEnv = PackagedFunctionIT.functionEnvironment(warehouseConfig, simulator, secrets, work);
        runEnv.put("MARKET_ETL_RUN_MAX_DURATION", "PT6S");
        runEnv.put("MARKET_ETL_RUN_DEADLINE_RESERVE", "PT0.5S");
        runEnv.put("MARKET_ETL_MARKET_DATA_MAX_CONCURRENCY", "1");
        runEnv.put("MARKET_ETL_RUN_LOCK_WAIT_FOR", "PT1S");
        runEnv.put("MARKET_ETL_RUN_LOCK_RENEW_EVERY", "PT2S");
        // A killed invocation's lock lapses 6 s after its last renewal (two minutes in production),
        // and the state machine's retry takes it over then: the lock belongs to the invocation.
        runEnv.put("MARKET_ETL_RUN_LOCK_EXPIRY", "PT6S");
        runFunction = LambdaEmulator.start("run-function", template, "MarketEtlFunction", packaging, task, runEnv, work);
        moto = MotoServer.start(Map.of(RUN_FUNCTION_ARN, runFunction.invocations()), work.resolve("moto.log"));
        sfn = moto.stepFunctions();
        stateMachineArn = sfn.createStateMachine(b -> b.name("market-etl-runs")
                .definition(template.stateMachineDefinition(RUN_FUNCTION_ARN))
                .roleArn("arn:aws:iam::" + ACCOUNT + ":role/market-etl-runs")).stateMachineArn();

        Map<String, String> apiEnv = PackagedFunctionIT.functionEnvironment(warehouseConfig, simulator, secrets, work);
        apiEnv.remove("FMP_API_KEY_SECRET_ARN"); // the API function is not given the FMP key
        apiEnv.put("STATE_MACHINE_ARN", stateMachineArn);
        apiEnv.put("MARKET_ETL_ORCHESTRATION_ENDPOINT", moto.endpoint().toString());
        apiEnv.put("AWS_ACCESS_KEY_ID", "test");
        apiEnv.put("AWS_SECRET_ACCESS_KEY", "test"); // AWS_SESSION_TOKEN: the secrets stand-in's, as in Lambda
        apiFunction = LambdaEmulator.start("api-function", template, "ApiFunction", packaging, task, apiEnv, work);

        assertThat(runFunction.call(PackagedFunctionIT.event("direct-migrate.json")).path("operation").asText())
                .isEqualTo("migrate");
        // The API function's first invocation starts it (init) and builds its Step Functions client;
        // the POST measured below is then what a caller of a warm function waits.
        LambdaEmulator.Answer first = apiFunction.invoke(PackagedFunctionIT.event("apigw-v1-get-run.json"));
        System.out.printf("OrchestrationIT: the API function's first invocation (init included) took %d ms%n",
                first.ms());
    }

    @AfterAll
    static void undeploy() {
        for (AutoCloseable closeable : new AutoCloseable[] { apiFunction, moto, runFunction, sfn }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // stopping the others matters more
            }
        }
        if (warehouse != null) {
            warehouse.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (secrets != null) {
            secrets.close();
        }
    }

    @AfterEach
    void fastSimulator() {
        simulator.setLatency(Duration.ZERO);
        simulator.faults().clear();
    }

    @Test
    @Order(1)
    void postRuns_answers202_theRunGoesOverSeveralInvocations_andEndsAsOneUninterruptedRun() throws Exception {
        // Arrange: what one uninterrupted backfill leaves, then the symbols forgotten
        JsonNode clean = runFunction.call(task("orch-clean", backfill(null)));
        assertThat(clean.path("status").asText()).as(clean.toString()).isEqualTo("SUCCEEDED");
        assertThat(clean.path("invocations")).hasSize(1);
        Map<String, String> uninterrupted = fingerprints();
        forget();
        simulator.setLatency(SLOW);

        // Act
        LambdaEmulator.Answer posted = apiFunction.invoke(post(backfill("orch-backfill")));

        // Assert: 202 at once, with where to follow the run
        assertThat(posted.body().path("statusCode").asInt()).as(posted.body().toString()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(posted.body().path("body").asText());
        assertThat(accepted.path("runId").asText()).isEqualTo("orch-backfill");
        assertThat(accepted.path("started").asBoolean()).isTrue();
        assertThat(posted.body().path("headers").path("Location").asText()).isEqualTo("/prod/runs/orch-backfill");
        System.out.printf("OrchestrationIT: POST /runs answered 202 in %d ms (API function under the emulator)%n",
                posted.ms());

        // Assert: while it goes on, GET shows it RUNNING with what is done so far
        JsonNode running = awaitRun("orch-backfill", run -> "RUNNING".equals(run.path("status").asText())
                && run.path("invocations").size() >= 2);
        assertThat(running.path("invocations").get(0).path("outcome").asText()).isEqualTo("deadline");
        assertThat(running.path("steps")).isNotEmpty();

        // Assert: a second POST of the same run id starts nothing and answers the same run
        JsonNode again = JSON.readTree(apiFunction.call(post(backfill("orch-backfill"))).path("body").asText());
        assertThat(again.path("runId").asText()).isEqualTo("orch-backfill");
        assertThat(again.path("started").asBoolean()).isFalse();

        // Assert: the execution ends SUCCEEDED; one run, one ledger entry, the tables of one uninterrupted run
        DescribeExecutionResponse execution = awaitExecution("orch-backfill");
        assertThat(execution.status()).as(String.valueOf(execution.cause())).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions())
                .filteredOn(e -> e.name().equals("orch-backfill")).hasSize(1);
        JsonNode report = get("orch-backfill");
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.path("trigger").asText()).isEqualTo("api");
        assertThat(report.path("invocations").size()).as(report.toString()).isGreaterThanOrEqualTo(3);
        assertThat(report.path("invocations").get(report.path("invocations").size() - 1).path("outcome").asText())
                .isEqualTo("finished");
        assertThat(probe.count("SELECT COUNT(*) FROM RUN_LEDGER WHERE RUN_ID = 'orch-backfill'")).isEqualTo(1);
        assertThat(fingerprints()).isEqualTo(uninterrupted);
        System.out.printf("OrchestrationIT: the backfill took %d invocations, %s ms each%n",
                report.path("invocations").size(), report.path("invocations").findValuesAsText("ms"));
    }

    @Test
    @Order(2)
    void runWhoseFunctionIsKilledMidway_isContinuedUnderTheSameRunId_andSucceeds() throws Exception {
        // Arrange
        forget();
        simulator.setLatency(SLOW);
        assertThat(apiFunction.call(post(backfill("orch-killed"))).path("statusCode").asInt()).isEqualTo(202);
        awaitRun("orch-killed", run -> "RUNNING".equals(run.path("status").asText()));

        // Act: the run function's process dies under the emulator, as at a timeout or out of memory
        Thread.sleep(2000);
        assertThat(runFunction.killRuntime()).as("runtime processes killed").isPositive();

        // Assert: the state machine retried, took the dead invocation's lock over once it lapsed, and
        // the run ended SUCCEEDED
        DescribeExecutionResponse execution = awaitExecution("orch-killed");
        assertThat(execution.status()).as(String.valueOf(execution.cause())).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(history("orch-killed")).anyMatch(e -> e.taskFailedEventDetails() != null
                && "Runtime.ExitError".equals(e.taskFailedEventDetails().error()));
        JsonNode report = get("orch-killed");
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.path("invocations").findValuesAsText("outcome")).contains("died");
        assertThat(probe.count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL LIKE 'OR%'")).isEqualTo(SYMBOLS.size());
    }

    @Test
    @Order(3)
    void runMeetingAnotherRunsLock_isRetried_andThenSucceeds() throws Exception {
        // Arrange: another run holds the lock for eight more seconds (and died: it never renews)
        Instant expires = Instant.now().plusSeconds(8);
        probe.update("UPDATE RUN_LOCK SET HOLDER = 'someone-else', ACQUIRED_AT = CAST(? AS TIMESTAMP), "
                + "EXPIRES_AT = CAST(? AS TIMESTAMP) WHERE LOCK_NAME = 'pipeline'", UTC.format(Instant.now()),
                UTC.format(expires));

        // Act
        apiFunction.call(post("{\"runId\":\"orch-locked\",\"symbols\":[\"ORL\"],\"steps\":[\"company\"]}"));

        // Assert
        DescribeExecutionResponse execution = awaitExecution("orch-locked");
        assertThat(execution.status()).as(String.valueOf(execution.cause())).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(history("orch-locked")).anyMatch(e -> e.taskFailedEventDetails() != null
                && "org.marketetl.bookkeeping.RunLockedException".equals(e.taskFailedEventDetails().error()));
        assertThat(get("orch-locked").path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(4)
    void runWhoseStepFails_endsTheExecutionFailed_withTheReportsReasonAsCause() throws Exception {
        // Arrange: FMP refuses every profile request as a premium query
        simulator.faults().premiumOnly("profile");

        // Act
        apiFunction.call(post("{\"runId\":\"orch-failed\",\"symbols\":[\"ORX\"],\"steps\":[\"company\"]}"));

        // Assert
        DescribeExecutionResponse execution = awaitExecution("orch-failed");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("RunFailed");
        assertThat(execution.cause()).contains("company FAILED").contains("Premium");
        JsonNode report = get("orch-failed");
        assertThat(report.path("status").asText()).isEqualTo("FAILED");
        assertThat(report.path("reason").asText()).isEqualTo(execution.cause());
    }

    @Test
    @Order(5)
    void apiSamples_answerAsTheApiPromises() throws Exception {
        // POST through an HTTP API (v2), base64 body: accepted and run
        JsonNode v2 = apiFunction.call(PackagedFunctionIT.event("apigw-v2-post-run.json"));
        assertThat(v2.path("statusCode").asInt()).as(v2.toString()).isEqualTo(202);
        String v2Run = JSON.readTree(v2.path("body").asText()).path("runId").asText();
        assertThat(awaitExecution(v2Run).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        // POST through a REST API (v1) sample, then GET its report
        JsonNode v1 = apiFunction.call(PackagedFunctionIT.event("apigw-v1-post-run.json"));
        assertThat(v1.path("statusCode").asInt()).as(v1.toString()).isEqualTo(202);
        String v1Run = JSON.readTree(v1.path("body").asText()).path("runId").asText();
        assertThat(awaitExecution(v1Run).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        PackagedFunctionIT.assertLoaded(get(v1Run), "api", "backfill");

        // An execution started without the API, with the sample input (aws stepfunctions start-execution)
        String sampleInput = PackagedFunctionIT.event("state-machine-input.json").toString();
        sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name("orch-sample-input").input(sampleInput));
        assertThat(awaitExecution("orch-sample-input").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(get("orch-sample-input").path("trigger").asText()).isEqualTo("direct");

        // GET of a run nobody started: 404; a malformed request: 400, nothing started
        ObjectNode unknown = (ObjectNode) PackagedFunctionIT.event("apigw-v1-get-run.json");
        assertThat(apiFunction.call(unknown).path("statusCode").asInt()).isEqualTo(404);
        JsonNode refused = apiFunction.call(post("{\"mode\":\"sideways\",\"runId\":\"orch-refused\"}"));
        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(JSON.readTree(refused.path("body").asText()).path("error").asText()).contains("mode");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions())
                .noneMatch(e -> e.name().equals("orch-refused"));
    }

    // --- the events and the waits

    private static String backfill(String runId) {
        return "{" + (runId == null ? "" : "\"runId\":\"" + runId + "\",")
                + "\"mode\":\"backfill\",\"startDate\":\"2025-11-24\",\"symbols\":"
                + SYMBOLS.stream().map(s -> "\"" + s + "\"").toList() + "}";
    }

    /** The state machine's task for {@code runId}, as Step Functions sends it (for the clean run). */
    private static JsonNode task(String runId, String request) throws Exception {
        return JSON.readTree("{\"runId\":\"" + runId + "\",\"trigger\":\"direct\",\"request\":" + request + "}");
    }

    /** The REST API sample POST with {@code body}. */
    private static JsonNode post(String body) throws Exception {
        ObjectNode event = (ObjectNode) PackagedFunctionIT.event("apigw-v1-post-run.json");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    /** The run as GET /runs/{runId} answers it. */
    private static JsonNode get(String runId) throws Exception {
        ObjectNode event = (ObjectNode) PackagedFunctionIT.event("apigw-v1-get-run.json");
        event.put("path", "/runs/" + runId);
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/runs/" + runId);
        ((ObjectNode) event.get("pathParameters")).put("runId", runId);
        JsonNode response = apiFunction.call(event);
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        return JSON.readTree(response.path("body").asText());
    }

    private static JsonNode awaitRun(String runId, Predicate<JsonNode> condition) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        List<String> seen = new ArrayList<>();
        while (Instant.now().isBefore(giveUp)) {
            JsonNode run = get(runId);
            if (condition.test(run)) {
                return run;
            }
            seen.add(run.path("status").asText() + "/" + run.path("invocations").size());
            Thread.sleep(250);
        }
        throw new AssertionError("run " + runId + " never reached the expected state; seen " + seen);
    }

    private static DescribeExecutionResponse awaitExecution(String runId) throws InterruptedException {
        String arn = stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + runId;
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(giveUp)) {
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("execution " + runId + " still RUNNING after three minutes");
    }

    private static List<HistoryEvent> history(String runId) {
        String arn = stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + runId;
        return sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    }

    private static Map<String, String> fingerprints() {
        return probe.fingerprints(TABLES, WRITE_TIMES, SYMBOLS);
    }

    private static void forget() {
        for (String table : List.of("COMPANY", "DAILY_PRICE", "INCOME_STATEMENT", "BALANCE_SHEET", "CASH_FLOW",
                "MARKET_DATA_FETCH", "FINANCIALS_TTM", "FINANCIAL_RATIOS", "MARKET_METRICS")) {
            probe.update("DELETE FROM " + table + " WHERE SYMBOL LIKE 'OR%'");
        }
    }
}
