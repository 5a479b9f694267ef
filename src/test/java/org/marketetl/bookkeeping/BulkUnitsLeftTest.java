package org.marketetl.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.marketetl.report.InvocationReport;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.report.Step;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;
import org.marketetl.report.SymbolFailure;

/** What a run's next invocation takes over from a bulk step the deadline cut, and how the reports add up. */
class BulkUnitsLeftTest {

    private static final Instant START = Instant.parse("2026-11-24T02:30:00Z");
    private static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");

    @Test
    void aBulkStepWithUnitsLeft_leavesAllItsSymbols_andExactlyThoseUnits() {
        Continuation continuation = continuing(bulk("company", List.of("part-2", "part-3"), 2, List.of()));

        assertThat(continuation.symbolsLeft(Step.COMPANY, SYMBOLS)).isEqualTo(SYMBOLS);
        assertThat(continuation.unitsLeft(Step.COMPANY)).containsExactly("part-2", "part-3");
        assertThat(continuation.unitsLeft(Step.FINANCIAL)).isEmpty();
    }

    @Test
    void bulkDaysLeft_withTheirSymbolsNotStarted_leaveOnlyThoseSymbols() {
        Continuation continuation = continuing(bulk("price", List.of("2026-11-23", "2026-11-24"), 8,
                List.of(new SymbolFailure("BBB", SymbolFailure.NOT_STARTED))));

        assertThat(continuation.symbolsLeft(Step.PRICE, SYMBOLS)).containsExactly("BBB");
        assertThat(continuation.unitsLeft(Step.PRICE)).containsExactly("2026-11-23", "2026-11-24");
    }

    @Test
    void theRunsReportOfTheStep_addsUnitsDone_keepsTheStrategy_andSucceedsWhenNoneAreLeft() {
        StepReport before = bulk("financial", List.of("2021-Q1"), 27, List.of());
        StepReport now = new StepReport("financial", StepStatus.SUCCEEDED, START, START.plusSeconds(5), 5_000, 300, 300,
                3, 0, 0, List.of(), null, 3, 0, 0, "bulk", "going on with the 1 statement periods an earlier invocation left",
                List.of(), 1);

        StepReport merged = continuing(before).merge(Step.FINANCIAL, now, SYMBOLS.size());

        assertThat(merged.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(merged.unitsDone()).isEqualTo(28);
        assertThat(merged.unitsLeft()).isEmpty();
        assertThat(merged.strategy()).isEqualTo("bulk");
        assertThat(merged.strategyReason()).isEqualTo(before.strategyReason());
        assertThat(merged.apiRequests()).isEqualTo(before.apiRequests() + 3);
    }

    @Test
    void aStepStillWithUnitsLeft_isPartial() {
        StepReport before = bulk("company", List.of("part-2", "part-3"), 2, List.of());
        StepReport now = bulk("company", List.of("part-3"), 1, List.of());

        StepReport merged = continuing(before).merge(Step.COMPANY, now, SYMBOLS.size());

        assertThat(merged.status()).isEqualTo(StepStatus.PARTIAL);
        assertThat(merged.unitsLeft()).containsExactly("part-3");
        assertThat(merged.unitsDone()).isEqualTo(3);
    }

    private static StepReport bulk(String step, List<String> left, long done, List<SymbolFailure> failures) {
        return new StepReport(step, StepStatus.PARTIAL, START, START.plusSeconds(10), 10_000, 100, 100, done, 0, 0,
                failures, null, 0, 0, 0, "bulk", "4 profile-bulk parts (4 requests, ~120.0 MB) rather than ...", left, done);
    }

    private static Continuation continuing(StepReport step) {
        RunReport earlier = new RunReport("run-1", "api", "backfill", RunStatus.PARTIAL, false, SYMBOLS.size(), START,
                10_000, List.of(), List.of(step), 10, true, "deadline", List.of(new InvocationReport(START, 10_000,
                        InvocationReport.DEADLINE)));
        return Continuation.of(earlier).orElseThrow();
    }
}
