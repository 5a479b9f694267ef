package org.marketetl.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one-line human form of a step. */
class StepReportTest {

    private static final Instant START = Instant.parse("2026-11-24T04:00:00Z");

    private static StepReport report(String step, StepStatus status, long ms, long rowsLoaded, long requests,
            long retries, List<SymbolFailure> failures, String error) {
        return new StepReport(step, status, START, START.plusMillis(ms), ms, rowsLoaded, rowsLoaded, requests, retries,
                0, failures, error, 0);
    }

    @Test
    void summarisesASucceededStep_withGroupedThousandsAndSecondsToOneDecimal() {
        // Arrange
        StepReport report = report("price", StepStatus.SUCCEEDED, 2_200, 12_345, 20, 0, List.of(), null);

        // Act / Assert
        assertThat(report.summary()).isEqualTo("price SUCCEEDED in 2.2 s: 12,345 rows, 20 requests, 0 retries");
    }

    @Test
    void groupsLargeCounts_withCommas() {
        // Arrange
        StepReport report = report("price", StepStatus.SUCCEEDED, 61_049, 1_234_567, 5_000, 1_200, List.of(), null);

        // Act / Assert
        assertThat(report.summary()).isEqualTo("price SUCCEEDED in 61.0 s: 1,234,567 rows, 5,000 requests, 1,200 retries");
    }

    @Test
    void countsFailedSymbols_whenSomeFailed() {
        // Arrange
        StepReport report = report("financial", StepStatus.PARTIAL, 850, 96, 15, 2,
                List.of(new SymbolFailure("KO", "HTTP 404"), new SymbolFailure("XOM", "malformed payload")), null);

        // Act / Assert
        assertThat(report.summary())
                .isEqualTo("financial PARTIAL in 0.9 s: 96 rows, 15 requests, 2 retries, 2 symbols failed");
    }

    @Test
    void endsWithTheError_inParentheses_whenTheStepFailed() {
        // Arrange
        StepReport report = report("company", StepStatus.FAILED, 31, 0, 3, 3, List.of(), "circuit breaker open");

        // Act / Assert
        assertThat(report.summary()).isEqualTo("company FAILED in 0.0 s: 0 rows, 3 requests, 3 retries (circuit breaker open)");
    }

    @Test
    void putsFailedSymbolsBeforeTheError_whenAStepHasBoth() {
        // Arrange
        StepReport report = report("price", StepStatus.FAILED, 1_000, 0, 2, 0,
                List.of(new SymbolFailure("KO", "HTTP 404")), "merge failed");

        // Act / Assert
        assertThat(report.summary())
                .isEqualTo("price FAILED in 1.0 s: 0 rows, 2 requests, 0 retries, 1 symbols failed (merge failed)");
    }

    @Test
    void summarisesASkippedStep_withItsReason() {
        // Arrange
        StepReport report = StepReport.skipped(Step.TTM, "input step financial failed");

        // Act / Assert
        assertThat(report.summary()).isEqualTo("ttm SKIPPED in 0.0 s: 0 rows, 0 requests, 0 retries (input step financial failed)");
        assertThat(report.startedAt()).isNull();
        assertThat(report.finishedAt()).isNull();
    }

    @Test
    void namesTheRowsANewSplitRebased_eachWay() {
        // Arrange
        StepReport report = new StepReport("price", StepStatus.SUCCEEDED, START, START.plusMillis(1_300), 1_300, 1_280,
                1_312, 3, 0, 0, List.of(), null, 1, 1_245, 34, null, null, List.of(), 0);

        // Act / Assert
        assertThat(report.summary()).isEqualTo("price SUCCEEDED in 1.3 s: 1,312 rows, 3 requests, 0 retries, "
                + "1,279 rows re-based (1,245 refetched, 34 scaled)");
    }

    @Test
    void readsAReportStoredBeforeTheRebasedCounts_withNoneRebased() throws Exception {
        // Arrange: a step as the ledger stored it before issue 20
        String stored = "{\"step\":\"price\",\"status\":\"SUCCEEDED\",\"startedAt\":\"2026-11-24T04:00:00Z\","
                + "\"finishedAt\":\"2026-11-24T04:00:02Z\",\"ms\":2000,\"rowsExtracted\":10,\"rowsLoaded\":10,"
                + "\"apiRequests\":2,\"retries\":0,\"throttled\":0,\"failedSymbols\":[],\"error\":null,\"symbolsDone\":2}";

        // Act
        StepReport report = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .readValue(stored, StepReport.class);

        // Assert
        assertThat(report.rebasedRefetched()).isZero();
        assertThat(report.rebasedScaled()).isZero();
        assertThat(report.symbolsDone()).isEqualTo(2);
    }

    @Test
    void treatsNullFailures_asNone() {
        // Arrange
        StepReport report = new StepReport("ttm", StepStatus.FAILED, START, START, 0, 0, 0, 0, 0, 0, null, "boom", 0);

        // Act / Assert
        assertThat(report.failedSymbols()).isEmpty();
        assertThat(report.summary()).isEqualTo("ttm FAILED in 0.0 s: 0 rows, 0 requests, 0 retries (boom)");
    }

    @Test
    void namesABulkStrategy_andTheUnitsLeft() {
        StepReport report = new StepReport("company", StepStatus.PARTIAL, START, START.plusMillis(2_000), 2_000, 900,
                900, 3, 0, 0, List.of(), null, 0, 0, 0, "bulk", "4 profile-bulk parts ...", List.of("part-3"), 3);

        assertThat(report.summary()).isEqualTo("company PARTIAL in 2.0 s: 900 rows, 3 requests, 0 retries, bulk, "
                + "1 bulk units left");
    }

    @Test
    void readsAReportWrittenBeforeBulkStrategies_withNoStrategyAndNoUnits() throws Exception {
        // The ledger keeps reports as JSON; one recorded before issue 19 has none of the new fields.
        String old = "{\"step\":\"price\",\"status\":\"SUCCEEDED\",\"startedAt\":\"2026-11-24T04:00:00Z\","
                + "\"finishedAt\":\"2026-11-24T04:00:02Z\",\"ms\":2000,\"rowsExtracted\":5,\"rowsLoaded\":5,"
                + "\"apiRequests\":2,\"retries\":0,\"throttled\":0,\"failedSymbols\":[],\"error\":null,\"symbolsDone\":2}";
        ObjectMapper json = new ObjectMapper()
                .findAndRegisterModules();

        StepReport report = json.readValue(old, StepReport.class);

        assertThat(report.strategy()).isNull();
        assertThat(report.strategyReason()).isNull();
        assertThat(report.unitsLeft()).isEmpty();
        assertThat(report.unitsDone()).isZero();
        assertThat(report.summary()).isEqualTo("price SUCCEEDED in 2.0 s: 5 rows, 2 requests, 0 retries");
    }
}
