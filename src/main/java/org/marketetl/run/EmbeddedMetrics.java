package org.marketetl.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.marketetl.report.RunReport;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;

/**
 * Per-step metrics as CloudWatch Embedded Metric Format: one JSON line per step on stdout, which
 * CloudWatch Logs turns into metrics (namespace {@code MarketEtl}, dimension {@code Step})
 * without an API call or an agent. The run id travels as a property, not a dimension, so it does
 * not multiply metric series.
 */
public final class EmbeddedMetrics {

    static final String NAMESPACE = "MarketEtl";
    private static final List<Map<String, String>> METRICS = List.of(
            metric("DurationMs", "Milliseconds"), metric("RowsLoaded", "Count"), metric("ApiRequests", "Count"),
            metric("Retries", "Count"), metric("Throttled", "Count"), metric("FailedSymbols", "Count"),
            metric("Failed", "Count"));

    private final ObjectMapper json;

    public EmbeddedMetrics(ObjectMapper json) {
        this.json = json;
    }

    /** Writes one EMF line per step that ran. */
    public void emit(RunReport report, PrintStream out) {
        lines(report).forEach(out::println);
    }

    List<String> lines(RunReport report) {
        long timestamp = report.startedAt().toEpochMilli() + report.totalMs();
        return report.steps().stream().filter(step -> step.status() != StepStatus.SKIPPED)
                .map(step -> line(report, step, timestamp)).toList();
    }

    private String line(RunReport report, StepReport step, long timestamp) {
        Map<String, Object> directive = Map.of("Namespace", NAMESPACE, "Dimensions", List.of(List.of("Step")),
                "Metrics", METRICS);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", timestamp, "CloudWatchMetrics", List.of(directive)));
        line.put("Step", step.step());
        line.put("RunId", report.runId());
        line.put("Status", step.status().name());
        line.put("DurationMs", step.ms());
        line.put("RowsLoaded", step.rowsLoaded());
        line.put("ApiRequests", step.apiRequests());
        line.put("Retries", step.retries());
        line.put("Throttled", step.throttled());
        line.put("FailedSymbols", step.failedSymbols().size());
        line.put("Failed", step.status() == StepStatus.FAILED ? 1 : 0);
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
