package org.marketetl.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketetl.run.Deadline;
import org.marketetl.run.Pipeline;
import org.marketetl.run.RunRequestReader;
import org.marketetl.run.Trigger;
import org.marketetl.testing.Events;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.MotoResource;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The API function (handler {@code api}) through the mock event server, its Step Functions calls
 * going to moto with the template's state machine: {@code POST /runs} validates and starts the
 * execution named by the run id, answering 202 at once; the same run id again starts nothing;
 * {@code GET /runs/{runId}} answers the ledger's record, or the execution before the run recorded
 * anything; bad input is a 400 that starts nothing and writes nothing.
 */
@QuarkusTest
@TestProfile(ApiHandlerTest.ApiFunction.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@QuarkusTestResource(MotoResource.class)
@Tag("warehouse")
class ApiHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pipeline pipeline;
    @Inject
    RunRequestReader reader;

    @Test
    void postRuns_startsTheExecutionNamedByTheRunId_andAnswers202WithWhereToFollowIt() {
        // Act
        JsonPath answer = api(post("{\"runId\":\"api-post-1\",\"symbols\":[\"KO\"],\"mode\":\"backfill\"}"));

        // Assert
        assertThat(answer.getInt("statusCode")).isEqualTo(202);
        // the stage too (requestContext.path): /runs/... on the execute-api URL is API Gateway's 403
        assertThat(answer.getString("headers.Location")).isEqualTo("/prod/runs/api-post-1");
        JsonPath body = new JsonPath(answer.getString("body"));
        assertThat(body.getString("runId")).isEqualTo("api-post-1");
        assertThat(body.getBoolean("started")).isTrue();
        assertThat(executions("api-post-1")).singleElement().satisfies(execution -> assertThat(
                MotoResource.stepFunctions().describeExecution(b -> b.executionArn(execution.executionArn())).input())
                .contains("\"trigger\":\"api\"").contains("\"runId\":\"api-post-1\"").contains("\"KO\""));
    }

    @Test
    void postRuns_withAUniverseSelector_startsTheExecutionWithIt() {
        JsonPath answer = api(post("{\"runId\":\"api-post-universe\",\"mode\":\"backfill\","
                + "\"universe\":{\"exchanges\":[\"NASDAQ\",\"NYSE\",\"AMEX\"],\"includeDelisted\":true}}"));

        assertThat(answer.getInt("statusCode")).isEqualTo(202);
        assertThat(executions("api-post-universe")).singleElement().satisfies(execution -> assertThat(
                MotoResource.stepFunctions().describeExecution(b -> b.executionArn(execution.executionArn())).input())
                .contains("\"universe\"").contains("\"includeDelisted\":true"));
    }

    @Test
    void postRuns_withABadUniverseSelector_answers400InOneLine() {
        JsonPath answer = refused("symbols and universe", "{\"symbols\":[\"KO\"],\"universe\":\"us-common-stocks\"}");
        JsonPath unknown = refused("unknown selector", "{\"universe\":\"all-of-it\"}");

        assertThat(new JsonPath(answer.getString("body")).getString("error"))
                .isEqualTo("give symbols or universe, not both");
        assertThat(new JsonPath(unknown.getString("body")).getString("error")).startsWith("unknown universe 'all-of-it'")
                .doesNotContain("\n");
    }

    @Test
    void postingTheSameRunIdAgain_startsNothing_andAnswersTheSameRun() {
        // Arrange
        api(post("{\"runId\":\"api-post-twice\",\"steps\":[\"company\"]}"));

        // Act
        JsonPath again = api(post("{\"runId\":\"api-post-twice\",\"steps\":[\"company\"]}"));

        // Assert
        assertThat(again.getInt("statusCode")).isEqualTo(202);
        assertThat(new JsonPath(again.getString("body")).getBoolean("started")).isFalse();
        assertThat(new JsonPath(again.getString("body")).getString("runId")).isEqualTo("api-post-twice");
        assertThat(executions("api-post-twice")).hasSize(1);
    }

    @Test
    void postWithoutRunId_getsOneGenerated_andAnHttpApiBodyIsDecoded() {
        // Act: the HTTP API (v2) sample, base64 body, no run id
        JsonPath answer = api(Events.read("apigw-v2-post-run.json"));

        // Assert
        assertThat(answer.getInt("statusCode")).isEqualTo(202);
        String runId = new JsonPath(answer.getString("body")).getString("runId");
        assertThat(RunRequestReader.isRunId(runId)).isTrue();
        assertThat(executions(runId)).hasSize(1);
    }

    @Test
    void postThroughAnHttpApiStage_answersALocationWithTheStage() {
        // Act: the HTTP API sample on a named stage, whose rawPath carries it
        JsonPath answer = api(Events.read("apigw-v2-post-run.json").replace("\"rawPath\": \"/runs\"",
                "\"rawPath\": \"/prod/runs\""));

        // Assert
        assertThat(answer.getInt("statusCode")).isEqualTo(202);
        String runId = new JsonPath(answer.getString("body")).getString("runId");
        assertThat(answer.getString("headers.Location")).isEqualTo("/prod/runs/" + runId);
        assertThat(new JsonPath(answer.getString("body")).getString("location")).isEqualTo("/prod/runs/" + runId);
    }

    @Test
    void postWithTheBodyNull_runsTheDefaults_asAnEmptyBodyDoes() {
        // Act
        JsonPath answer = api(post("null"));

        // Assert
        assertThat(answer.getInt("statusCode")).as(answer.prettify()).isEqualTo(202);
        String runId = new JsonPath(answer.getString("body")).getString("runId");
        assertThat(executions(runId)).singleElement().satisfies(execution -> assertThat(
                MotoResource.stepFunctions().describeExecution(b -> b.executionArn(execution.executionArn())).input())
                .isEqualTo("{\"trigger\":\"api\",\"request\":{\"runId\":\"" + runId + "\"}}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("unreadableBodies")
    void postWhoseBodyCannotBeRead_answers400_andStartsNothing(String what, String event, String reason) {
        // Arrange
        int executions = allExecutions();

        // Act
        JsonPath answer = api(event);

        // Assert: an answer API Gateway passes on (not a failed invocation, its 502)
        assertThat(answer.getInt("statusCode")).as(what).isEqualTo(400);
        assertThat(new JsonPath(answer.getString("body")).getString("error")).as(what).contains(reason);
        assertThat(allExecutions()).as(what).isEqualTo(executions);
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("REST API, marked base64, not base64", Events.read("apigw-v1-post-run.json")
                        .replace("\"isBase64Encoded\": false", "\"isBase64Encoded\": true"),
                        "body is marked base64 but is not valid base64"),
                Arguments.of("HTTP API, marked base64, not base64", Events.read("apigw-v2-post-run.json")
                        .replaceFirst("\"body\": \"[^\"]*\"", "\"body\": \"{not base64}\""),
                        "body is marked base64 but is not valid base64"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"apigw-authorizer-request-v1.json", "apigw-authorizer-request-v2.json",
            "apigw-authorizer-token.json"})
    void authorizerRequest_isRefusedAsAForeignEvent_andStartsNothing(String fixture) {
        // Arrange: a REQUEST authorizer's event for POST /runs carries a proxy request's fields
        int executions = allExecutions();

        // Act
        Response refused = Lambda.invoke(Events.read(fixture));

        // Assert
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.jsonPath().getString("errorType")).isEqualTo(UnsupportedEventException.class.getName());
        assertThat(refused.jsonPath().getString("errorMessage")).contains("an API Gateway authorizer request");
        assertThat(allExecutions()).isEqualTo(executions);
    }

    @Test
    void controlCharactersOfARefusedValue_areEscapedInTheErrorAndTheLog() {
        // Arrange
        SecretScan scan = SecretScan.start();

        // Act: JSON escapes, so the symbol itself holds NUL, a line feed and a terminal escape
        JsonPath answer = refused("control characters", "{\"symbols\":[\"A\\u0000B\\n\\u001b[31mC\"]}");
        scan.close();

        // Assert
        String error = new JsonPath(answer.getString("body")).getString("error");
        assertThat(error).contains("malformed symbol 'A\\u0000B\\u000a\\u001b[31mC'").doesNotContainPattern("\\p{Cntrl}");
        assertThat(scan.captured()).as("the log").anyMatch(line -> line.contains("A\\u0000B\\u000a\\u001b[31mC"))
                .noneMatch(line -> line.contains("A\u0000B"));
    }

    @Test
    void getRuns_answersTheLedgersReport() {
        // Arrange: a run recorded in the ledger (the run function's work, done here in-process)
        pipeline.run(reader.read(json("{\"runId\":\"api-get-1\",\"symbols\":[\"KO\"],\"steps\":[\"company\"]}"),
                Trigger.API), Deadline.none());

        // Act
        JsonPath answer = api(get("api-get-1"));

        // Assert
        assertThat(answer.getInt("statusCode")).isEqualTo(200);
        JsonPath report = new JsonPath(answer.getString("body"));
        assertThat(report.getString("runId")).isEqualTo("api-get-1");
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(report.getList("steps.step")).containsExactly("company");
    }

    @Test
    void getRunsAskingForHtml_answersTheRunsTimelinePage_overRestAndHttpApis() throws Exception {
        // Arrange
        pipeline.run(reader.read(json("{\"runId\":\"api-get-html\",\"symbols\":[\"KO\"],\"mode\":\"backfill\","
                + "\"steps\":[\"company\",\"price\"]}"), Trigger.API), Deadline.none());
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

        // Act
        JsonPath rest = api(withAccept(get("api-get-html"), browser));
        JsonPath http = api(httpApiGet("api-get-html", browser));

        // Assert
        for (JsonPath answer : List.of(rest, http)) {
            assertThat(answer.getInt("statusCode")).isEqualTo(200);
            assertThat(answer.getString("headers.Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(answer.getString("headers.Vary")).isEqualTo("Accept");
            assertThat(answer.getString("body")).startsWith("<!DOCTYPE html>").contains("Run api-get-html")
                    .contains("data-step=\"company\"", "data-step=\"price\"", "REQUESTS PER RATE WINDOW");
        }
        java.nio.file.Path page = java.nio.file.Path.of("target", "timeline", "api-get-html.html");
        java.nio.file.Files.createDirectories(page.getParent());
        java.nio.file.Files.writeString(page, rest.getString("body"));
    }

    @Test
    void getRunsWithoutPreferringHtml_answersJson_andNeitherFormAcceptable_is406() {
        // Arrange
        pipeline.run(reader.read(json("{\"runId\":\"api-get-json\",\"symbols\":[\"KO\"],\"steps\":[\"company\"]}"),
                Trigger.API), Deadline.none());

        // Act
        JsonPath any = api(withAccept(get("api-get-json"), "*/*"));
        JsonPath image = api(withAccept(get("api-get-json"), "image/png"));

        // Assert
        assertThat(any.getString("headers.Content-Type")).isEqualTo("application/json");
        assertThat(new JsonPath(any.getString("body")).getString("runId")).isEqualTo("api-get-json");
        assertThat(image.getInt("statusCode")).isEqualTo(406);
        assertThat(new JsonPath(image.getString("body")).getString("error")).contains("text/html");
    }

    @Test
    void getRunsOfAStartedRunWithoutARecordYet_answersTheExecution() {
        // Arrange
        api(post("{\"runId\":\"api-get-started\",\"steps\":[\"company\"]}"));

        // Act
        JsonPath answer = api(get("api-get-started"));

        // Assert
        assertThat(answer.getInt("statusCode")).isEqualTo(200);
        JsonPath run = new JsonPath(answer.getString("body"));
        assertThat(run.getString("runId")).isEqualTo("api-get-started");
        assertThat(run.getString("status")).isIn("RUNNING", "FAILED");
        assertThat(run.getList("steps")).isEmpty();
    }

    @Test
    void getRunsOfAnUnknownRun_is404_andAMalformedRunId400() {
        assertThat(api(get("no-such-run")).getInt("statusCode")).isEqualTo(404);
        assertThat(api(get("bad%20id")).getInt("statusCode")).isEqualTo(400);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("not JSON", "run please"),
                Arguments.of("truncated JSON", "{\"mode\":"),
                Arguments.of("an array", "[1,2,3]"),
                Arguments.of("unknown mode", "{\"mode\":\"sideways\"}"),
                Arguments.of("SQL in a symbol", "{\"symbols\":[\"X'); DROP TABLE RUN_LEDGER; --\"]}"),
                Arguments.of("bad date", "{\"mode\":\"backfill\",\"startDate\":\"2026-02-30\"}"),
                Arguments.of("unknown field", "{\"apikey\":\"steal\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("org.marketetl.lambda.MalformedInputTest#notStrictRequests")
    void notStrictBody_answers400WithTheReason_startsNothing_andWritesNothing(String what, String body, String reason) {
        JsonPath answer = refused(what, body);

        assertThat(new JsonPath(answer.getString("body")).getString("error")).as(what).contains(reason);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedBodies")
    void malformedBody_answers400WithAnError_startsNothing_andWritesNothing(String what, String body) {
        refused(what, body);
    }

    /** Posts {@code body}: a 400 with an error, no execution started, nothing written. */
    private static JsonPath refused(String what, String body) {
        // Arrange
        WarehouseProbe warehouse = WarehouseProbe.current();
        long runs = warehouse.count("SELECT COUNT(*) FROM RUN_LEDGER");
        int executions = MotoResource.stepFunctions().listExecutions(b -> b.stateMachineArn(stateMachineArn()))
                .executions().size();
        String event = Events.read("apigw-v2-post-run.json").replaceFirst("\"body\": \"[^\"]*\"",
                "\"body\": \"" + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"");

        // Act
        JsonPath answer = api(event);

        // Assert
        assertThat(answer.getInt("statusCode")).as(what).isEqualTo(400);
        assertThat(new JsonPath(answer.getString("body")).getString("error")).as(what).isNotBlank();
        assertThat(MotoResource.stepFunctions().listExecutions(b -> b.stateMachineArn(stateMachineArn())).executions())
                .as(what).hasSize(executions);
        assertThat(warehouse.count("SELECT COUNT(*) FROM RUN_LEDGER")).as(what).isEqualTo(runs);
        return answer;
    }

    @Test
    void aRunRequestWithoutApiGateway_isRefused_namingTheRunFunction() {
        Response refused = Lambda.invoke("{\"mode\":\"incremental\"}");

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.jsonPath().getString("errorMessage")).contains("runs are the run function's (handler 'run')");
    }

    private static JsonPath api(String event) {
        Response response = Lambda.invoke(event);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static String post(String body) {
        return Events.read("apigw-v1-post-run.json").replaceFirst("\"body\": \"(?:[^\"\\\\]|\\\\.)*\"",
                java.util.regex.Matcher.quoteReplacement("\"body\": " + quoted(body)));
    }

    private static String get(String runId) {
        return Events.read("apigw-v1-post-run.json").replace("\"httpMethod\": \"POST\"", "\"httpMethod\": \"GET\"")
                .replaceFirst("\"path\": \"/runs\"", "\"path\": \"/runs/" + runId + "\"")
                .replaceFirst("\"path\": \"/prod/runs\"", "\"path\": \"/prod/runs/" + runId + "\"");
    }

    private static int allExecutions() {
        return MotoResource.stepFunctions().listExecutions(b -> b.stateMachineArn(stateMachineArn())).executions().size();
    }

    private static String withAccept(String event, String accept) {
        return event.replace("\"headers\": {", "\"headers\": {\"Accept\": " + quoted(accept) + ", ");
    }

    /** A GET of the run as an HTTP API (payload 2.0) event, with its lower-case headers. */
    private static String httpApiGet(String runId, String accept) {
        ObjectNode event = (ObjectNode) json(Events.read("apigw-v2-post-run.json"));
        event.put("rawPath", "/runs/" + runId);
        ((ObjectNode) event.get("requestContext").get("http")).put("method", "GET").put("path", "/runs/" + runId);
        ((ObjectNode) event.get("headers")).put("accept", accept);
        event.remove("body");
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.List<ExecutionListItem> executions(String name) {
        return MotoResource.stepFunctions().listExecutions(b -> b.stateMachineArn(stateMachineArn())).executions()
                .stream().filter(e -> e.name().equals(name)).toList();
    }

    private static String stateMachineArn() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("market-etl.orchestration.state-machine-arn", String.class);
    }

    /** The API function's handler; everything else as the other tests. */
    public static class ApiFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "api");
        }
    }
}
