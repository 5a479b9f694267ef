package org.marketetl.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.marketetl.LocalLambdaContext;
import org.marketetl.LocalRun;
import org.marketetl.run.InvalidRunRequestException;
import org.marketetl.testing.Events;
import org.marketetl.testing.FaultProfile;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Malformed events and requests, end to end through the mock event server: wrong types, huge
 * symbol lists, injection strings, bad dates, unknown fields, empty and non-JSON bodies. Each gets
 * a clear error (a direct caller an invocation error, an API caller a 400 with {"error": ...}),
 * no FMP request is sent, and nothing is written: the ledger and every raw table keep their
 * fingerprints.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class MalformedInputTest {

    private static final List<String> WRITTEN = List.of("RUN_LEDGER", "RUN_STEP", "RUN_LOCK", "MARKET_DATA_FETCH",
            "COMPANY", "DAILY_PRICE", "INCOME_STATEMENT", "BALANCE_SHEET", "CASH_FLOW");

    @SimulatorResource.Simulator
    org.marketetl.simulator.FmpSimulator simulator;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void captureLogs() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
    }

    @AfterEach
    void scanForSecrets() {
        scan.close();
        scan.assertNoSecrets();
    }

    static Stream<Arguments> directRequests() {
        String tooMany = IntStream.rangeClosed(1, 5001).mapToObj(i -> "\"S" + i + "\"").collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("unknown mode", "{\"mode\":\"sideways\"}", "mode"),
                Arguments.of("mode as a number", "{\"mode\":5}", "mode"),
                Arguments.of("symbols as a string", "{\"symbols\":\"AAPL\"}", "symbols"),
                Arguments.of("symbols as numbers", "{\"symbols\":[1,2]}", "symbol"),
                Arguments.of("SQL in a symbol", "{\"symbols\":[\"AAPL;DROP TABLE COMPANY\"]}", "symbol"),
                Arguments.of("quote injection in a symbol", "{\"symbols\":[\"' OR 1=1 --\"]}", "symbol"),
                Arguments.of("markup in a symbol", "{\"symbols\":[\"<script>\"]}", "symbol"),
                Arguments.of("empty symbol", "{\"symbols\":[\"\"]}", "symbol"),
                Arguments.of("null symbol", "{\"symbols\":[null]}", "symbol"),
                Arguments.of("non-ASCII symbol", "{\"symbols\":[\"ÄPPLE\"]}", "symbol"),
                Arguments.of("5,001 symbols", "{\"symbols\":[" + tooMany + "]}", "symbols"),
                Arguments.of("month 13", "{\"mode\":\"backfill\",\"startDate\":\"2026-13-01\"}", "startDate"),
                Arguments.of("words for a date", "{\"mode\":\"backfill\",\"startDate\":\"yesterday\"}", "startDate"),
                Arguments.of("date as a number", "{\"mode\":\"backfill\",\"startDate\":20261110}", "startDate"),
                Arguments.of("date in the future", "{\"mode\":\"backfill\",\"startDate\":\"2099-01-01\"}", "startDate"),
                Arguments.of("startDate outside backfill", "{\"startDate\":\"2026-11-10\"}", "startDate"),
                Arguments.of("unknown step", "{\"steps\":[\"explode\"]}", "step"),
                Arguments.of("steps as a string", "{\"steps\":\"company\"}", "steps"),
                Arguments.of("dryRun as a string", "{\"dryRun\":\"yes\"}", "dryRun"),
                Arguments.of("path in a run id", "{\"runId\":\"../../etc/passwd\"}", "runId"),
                Arguments.of("SQL in a run id", "{\"runId\":\"x'; DELETE FROM RUN_LEDGER; --\"}", "runId"),
                Arguments.of("unknown field", "{\"symbol\":\"AAPL\"}", "symbol"),
                Arguments.of("an array", "[\"AAPL\"]", ""),
                Arguments.of("a string", "\"run everything\"", ""),
                Arguments.of("a number", "42", ""),
                Arguments.of("not JSON", "run please", ""),
                Arguments.of("truncated JSON", "{\"symbols\":[\"AAPL\"", ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("directRequests")
    void malformedDirectRequest_failsTheInvocationWithAClearError_andWritesNothing(String what, String event,
            String mentioned) {
        // Arrange
        Map<String, String> before = state();
        simulator.resetCounters();

        // Act
        Response response = runs.invoke(event);

        // Assert
        assertThat(response.statusCode()).as(what).isEqualTo(500);
        String message = response.jsonPath().getString("errorMessage");
        assertThat(message).as(what).isNotBlank().contains(mentioned).doesNotContain("\tat ");
        assertThat(simulator.totalRequests()).as(what).isZero();
        assertThat(state()).as(what).isEqualTo(before);
    }


    /**
     * Requests a lenient reader ran (trailing content, a key twice, null for a default), and values
     * whose echo must stay one printable line (control characters, written as backslash-u escapes): refused on
     * every path (the API body's in {@link ApiHandlerTest}).
     */
    static Stream<Arguments> notStrictRequests() {
        return Stream.of(
                Arguments.of("text after the object", "{\"mode\":\"backfill\"} xyz", "there is more after the JSON value"),
                Arguments.of("two objects", "{} {}", "there is more after the JSON value"),
                Arguments.of("a key twice", "{\"symbols\":[\"AAPL\"],\"symbols\":[\"MSFT\"]}", "Duplicate field 'symbols'"),
                Arguments.of("null symbols", "{\"symbols\":null}", "symbols must not be null"),
                Arguments.of("null mode", "{\"mode\":null}", "mode must not be null"),
                Arguments.of("null startDate", "{\"mode\":\"backfill\",\"startDate\":null}", "startDate must not be null"),
                Arguments.of("null steps", "{\"steps\":null}", "steps must not be null"),
                Arguments.of("null runId", "{\"runId\":null}", "runId must not be null"),
                Arguments.of("null dryRun", "{\"dryRun\":null}", "dryRun must not be null"),
                // JSON escapes: the symbol holds NUL, a line feed and a terminal escape; echoed escaped
                Arguments.of("control characters in a symbol", "{\"symbols\":[\"A\\u0000B\\n\\u001b[31mC\"]}",
                        "malformed symbol 'A\\u0000B\\u000a\\u001b[31mC'"),
                Arguments.of("control characters in a key given twice", "{\"x\\u0007\":1,\"x\\u0007\":2}",
                        "Duplicate field 'x\\u0007'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notStrictRequests")
    void notStrictRequest_asADirectInvoke_failsTheInvocationWithTheReason_andWritesNothing(String what, String request,
            String reason) {
        // Arrange
        Map<String, String> before = state();
        simulator.resetCounters();

        // Act
        Response response = runs.invoke(request);

        // Assert
        assertThat(response.statusCode()).as(what).isEqualTo(500);
        assertThat(response.jsonPath().getString("errorType")).as(what).isEqualTo(InvalidRunRequestException.class.getName());
        assertThat(response.jsonPath().getString("errorMessage")).as(what).contains(reason);
        assertThat(scan.captured()).as("the log of %s", what)
                .anyMatch(line -> line.contains("invocation refused: ") && line.contains(reason))
                .noneMatch(line -> line.contains(reason) && line.contains("\tat "));
        assertThat(simulator.totalRequests()).as(what).isZero();
        assertThat(state()).as(what).isEqualTo(before);
    }

    /**
     * The local run's path: the request text through the Lambda runtime's stream entry (what
     * {@code QuarkusStreamHandler} calls once Quarkus is up), answered by {@link LocalRun} as the
     * command line shows it: one line on stderr, exit code 2, no stack trace, no report.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notStrictRequests")
    void notStrictRequest_asALocalRunArgument_printsOneLineAndExits2_andWritesNothing(String what, String request,
            String reason) {
        // Arrange
        Map<String, String> before = state();
        simulator.resetCounters();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // Act
        int exitCode = LocalRun.run(request, (in, answer) -> AmazonLambdaRecorder.handle(in, answer,
                new LocalLambdaContext(Duration.ofMinutes(1))), print(out), print(err));

        // Assert
        assertThat(exitCode).as(what).isEqualTo(LocalRun.REFUSED);
        String printed = err.toString(StandardCharsets.UTF_8);
        scan.add(printed);
        assertThat(printed.lines()).as(what).singleElement().asString().startsWith("request refused: ").contains(reason)
                .doesNotContainPattern("\\p{Cntrl}");
        assertThat(out.size()).as(what).isZero();
        assertThat(simulator.totalRequests()).as(what).isZero();
        assertThat(state()).as(what).isEqualTo(before);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static Map<String, String> state() {
        return WarehouseProbe.current().fingerprints(WRITTEN);
    }
}
