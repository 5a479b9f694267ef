package org.marketetl.run;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.marketetl.report.RunReport;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;

/**
 * Metrics as CloudWatch Embedded Metric Format: JSON lines on stdout, which CloudWatch Logs turns
 * into metrics (namespace {@code MarketEtl}) without an API call or an agent. Per invocation, one
 * line per step that ran (dimension {@code Step}: its duration, requests, 429s, failed symbols)
 * and one line for the invocation itself (no dimension: whether it continued a run, whether it
 * left work for the next one, how long it waited for the run lock); a run refused by the run lock
 * writes the invocation line alone. The run id travels as a property, not a dimension, so it does
 * not multiply metric series. {@code template.yaml}'s dashboard charts these (TemplateTest checks
 * every metric it names is one written here).
 */
public final class EmbeddedMetrics {

    static final String NAMESPACE = "MarketEtl";
    private static final List<Map<String, String>> STEP_METRICS = List.of(
            metric("DurationMs", "Milliseconds"), metric("RowsLoaded", "Count"), metric("ApiRequests", "Count"),
            metric("Retries", "Count"), metric("Throttled", "Count"), metric("FailedSymbols", "Count"),
            metric("Failed", "Count"));
    private static final List<Map<String, String>> INVOCATION_METRICS = List.of(
            metric("Invocations", "Count"), metric("Continuations", "Count"), metric("WorkLeft", "Count"),
            metric("LockWaitMs", "Milliseconds"), metric("LockRefused", "Count"));

    private final ObjectMapper json;

    public EmbeddedMetrics(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Writes the lines of one invocation: {@code report} holds this invocation's steps alone;
     * {@code continued} when it went on with a run an earlier invocation began; {@code lockWaitMs}
     * how long it waited for the run lock.
     */
    public void emit(RunReport report, boolean continued, long lockWaitMs, PrintStream out) {
        long timestamp = report.startedAt().toEpochMilli() + report.totalMs();
        List<String> lines = new ArrayList<>();
        report.steps().stream().filter(step -> step.status() != StepStatus.SKIPPED)
                .forEach(step -> lines.add(stepLine(report, step, timestamp)));
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("RunId", report.runId());
        invocation.put("Status", report.status().name());
        invocation.put("Invocations", 1);
        invocation.put("Continuations", continued ? 1 : 0);
        invocation.put("WorkLeft", report.workLeft() ? 1 : 0);
        invocation.put("LockWaitMs", lockWaitMs);
        invocation.put("LockRefused", 0);
        lines.add(line(timestamp, List.of(), INVOCATION_METRICS, invocation));
        lines.forEach(out::println);
    }

    /** Writes the line of an invocation that another run's lock kept from starting. */
    public void emitLockRefused(String runId, long lockWaitMs, PrintStream out) {
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("RunId", runId);
        invocation.put("Status", "REFUSED");
        invocation.put("Invocations", 1);
        invocation.put("Continuations", 0);
        invocation.put("WorkLeft", 0);
        invocation.put("LockWaitMs", lockWaitMs);
        invocation.put("LockRefused", 1);
        out.println(line(Instant.now().toEpochMilli(), List.of(), INVOCATION_METRICS, invocation));
    }

    private String stepLine(RunReport report, StepReport step, long timestamp) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Step", step.step());
        values.put("RunId", report.runId());
        values.put("Status", step.status().name());
        values.put("DurationMs", step.ms());
        values.put("RowsLoaded", step.rowsLoaded());
        values.put("ApiRequests", step.apiRequests());
        values.put("Retries", step.retries());
        values.put("Throttled", step.throttled());
        values.put("FailedSymbols", step.failedSymbols().size());
        values.put("Failed", step.status() == StepStatus.FAILED ? 1 : 0);
        return line(timestamp, List.of("Step"), STEP_METRICS, values);
    }

    /** One EMF line: the directive (namespace, one dimension set, the metrics), then the values. */
    private String line(long timestamp, List<String> dimensions, List<Map<String, String>> metrics,
            Map<String, Object> values) {
        Map<String, Object> directive = Map.of("Namespace", NAMESPACE, "Dimensions", List.of(dimensions),
                "Metrics", metrics);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", timestamp, "CloudWatchMetrics", List.of(directive)));
        line.putAll(values);
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metrics line", e);
        }
    }

    private static Map<String, String> metric(String name, String unit) {
        return Map.of("Name", name, "Unit", unit);
    }
}
