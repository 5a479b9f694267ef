package org.marketetl.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The human form of a run: one line per step, then one for the run. */
class RunReportTest {

    private static final Instant START = Instant.parse("2026-11-24T04:00:00Z");

    private static StepReport step(String id, StepStatus status, long ms, long rows, long requests) {
        return new StepReport(id, status, START, START.plusMillis(ms), ms, rows, rows, requests, 0, 0, List.of(), null, 0);
    }

    @Test
    void listsEveryStepInOrder_thenTheRunOnItsLastLine() {
        // Arrange
        RunReport report = new RunReport("nightly-2026-11-24", "schedule", "incremental", RunStatus.SUCCEEDED, false, 20,
                START, 27_849,
                List.of(PhaseReport.of(Step.Phase.INDEPENDENT, true, 27_000, 54_400),
                        PhaseReport.of(Step.Phase.DEPENDENT, false, 849, 840)),
                List.of(step("company", StepStatus.SUCCEEDED, 1_200, 20, 20),
                        step("price", StepStatus.SUCCEEDED, 2_200, 12_345, 20),
                        step("ttm", StepStatus.SUCCEEDED, 400, 80, 0)),
                57, false, null, List.of());

        // Act
        List<String> lines = report.summaryLines();

        // Assert
        assertThat(lines).containsExactly(
                "company SUCCEEDED in 1.2 s: 20 rows, 20 requests, 0 retries",
                "price SUCCEEDED in 2.2 s: 12,345 rows, 20 requests, 0 retries",
                "ttm SUCCEEDED in 0.4 s: 80 rows, 0 requests, 0 retries",
                "run nightly-2026-11-24 SUCCEEDED in 27.8 s (incremental, 20 symbols, 57 warehouse statements)");
    }

    @Test
    void hasOnlyTheRunLine_whenNoStepRan() {
        // Arrange
        RunReport report = new RunReport("run-1", "api", "backfill", RunStatus.FAILED, false, 3, START, 12, List.of(),
                List.of(), 0, false, null, List.of());

        // Act / Assert
        assertThat(report.summaryLines()).containsExactly("run run-1 FAILED in 0.0 s (backfill, 3 symbols, 0 warehouse statements)");
    }

    @Test
    void showsAPartialRun_onItsLastLine() {
        // Arrange
        RunReport report = new RunReport("run-2", "direct", "full-refresh", RunStatus.PARTIAL, false, 5, START, 3_050,
                List.of(), List.of(step("price", StepStatus.SUCCEEDED, 3_000, 10, 5),
                        StepReport.skipped(Step.METRICS, "deadline near")), 9, false, null, List.of());

        // Act
        List<String> lines = report.summaryLines();

        // Assert
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("metrics SKIPPED in 0.0 s: 0 rows, 0 requests, 0 retries (deadline near)");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("run run-2 PARTIAL in 3.1 s (full-refresh, 5 symbols, 9 warehouse statements)");
    }
}
