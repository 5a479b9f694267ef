package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.report.Step;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;
import org.marketetl.report.SymbolFailure;

/** Step metrics leave as CloudWatch Embedded Metric Format lines that CloudWatch can parse. */
class EmbeddedMetricsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesOneEmfLinePerStepThatRan_withItsFigures_thenOneForTheInvocation() throws Exception {
        Instant start = Instant.parse("2026-11-25T04:00:00Z");
        RunReport report = new RunReport("run-1", "schedule", "incremental", RunStatus.PARTIAL, false, 3, start, 2500,
                List.of(), List.of(
                        new StepReport("price", StepStatus.PARTIAL, start, start.plusMillis(2200), 2200, 12, 12, 4, 1, 1,
                                List.of(new SymbolFailure("XYZ", "FMP answered HTTP 500")), null, 1),
                        new StepReport("company", StepStatus.FAILED, start, start.plusMillis(10), 10, 0, 0, 0, 0, 0,
                                List.of(), "boom", 0),
                        StepReport.skipped(Step.TTM, "dry run")),
                7, false, null, List.of());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        new EmbeddedMetrics(json).emit(report, true, 1200, new PrintStream(captured, true, StandardCharsets.UTF_8));

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode price = json.readTree(lines.get(0));
        JsonNode directive = price.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(price.path("_aws").path("Timestamp").asLong()).isEqualTo(start.toEpochMilli() + 2500);
        assertThat(directive.path("Namespace").asText()).isEqualTo("MarketEtl");
        assertThat(directive.path("Dimensions").get(0).get(0).asText()).isEqualTo("Step");
        // Every metric the directive names is a number at the top level, as EMF requires.
        for (JsonNode metric : directive.path("Metrics")) {
            assertThat(price.path(metric.path("Name").asText()).isNumber()).as(metric.toString()).isTrue();
        }
        assertThat(price.path("Step").asText()).isEqualTo("price");
        assertThat(price.path("RunId").asText()).isEqualTo("run-1");
        assertThat(price.path("DurationMs").asLong()).isEqualTo(2200);
        assertThat(price.path("Retries").asLong()).isEqualTo(1);
        assertThat(price.path("FailedSymbols").asInt()).isEqualTo(1);
        assertThat(price.path("Failed").asInt()).isZero();
        assertThat(json.readTree(lines.get(1)).path("Failed").asInt()).isEqualTo(1);
        JsonNode invocation = json.readTree(lines.get(2));
        assertEmf(invocation, List.of());
        assertThat(invocation.path("RunId").asText()).isEqualTo("run-1");
        assertThat(invocation.path("Invocations").asInt()).isEqualTo(1);
        assertThat(invocation.path("Continuations").asInt()).as("it continued the run").isEqualTo(1);
        assertThat(invocation.path("WorkLeft").asInt()).isZero();
        assertThat(invocation.path("LockWaitMs").asLong()).isEqualTo(1200);
        assertThat(invocation.path("LockRefused").asInt()).isZero();
    }

    @Test
    void invocationRefusedByTheRunLock_writesItsLineAlone_withTheWait() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        new EmbeddedMetrics(json).emitLockRefused("run-2", 30_000, new PrintStream(captured, true, StandardCharsets.UTF_8));

        JsonNode line = json.readTree(captured.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> {
            throw new AssertionError("one line expected");
        }).orElseThrow());
        assertEmf(line, List.of());
        assertThat(line.path("RunId").asText()).isEqualTo("run-2");
        assertThat(line.path("LockRefused").asInt()).isEqualTo(1);
        assertThat(line.path("LockWaitMs").asLong()).isEqualTo(30_000);
        assertThat(line.path("Continuations").asInt()).isZero();
    }

    /** A valid EMF line: namespace MarketEtl, the one dimension set, every metric a number at the top level. */
    private static void assertEmf(JsonNode line, List<String> dimensions) {
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(line.path("_aws").path("Timestamp").isNumber()).isTrue();
        assertThat(directive.path("Namespace").asText()).isEqualTo("MarketEtl");
        assertThat(directive.path("Dimensions")).hasSize(1);
        assertThat(directive.path("Dimensions").get(0)).map(JsonNode::asText).isEqualTo(dimensions);
        for (JsonNode metric : directive.path("Metrics")) {
            assertThat(line.path(metric.path("Name").asText()).isNumber()).as(metric.toString()).isTrue();
        }
    }
}
