package org.marketetl.report;

import java.time.Instant;
import java.util.List;

/** Run reports to draw: a finished run, one continued over three invocations, one still running. */
final class TimelineFixtures {

    static final Instant START = Instant.parse("2026-12-01T02:00:00Z");
    /** A failure reason that would be markup if it were not escaped. */
    static final String HOSTILE = "<script>alert(\"x\")</script> & 'quoted' <b>bold</b>";

    private TimelineFixtures() {
    }

    /** One invocation: the three loads at once, then TTM, ratios and metrics; requests over three 4 s windows. */
    static RunReport finished() {
        List<StepReport> steps = List.of(
                step("company", StepStatus.SUCCEEDED, 200, 1_800, 20, 20, List.of()),
                step("price", StepStatus.PARTIAL, 200, 9_600, 25_905, 40, List.of(new SymbolFailure("ZZZ", HOSTILE))),
                step("financial", StepStatus.SUCCEEDED, 200, 7_400, 1_440, 60, List.of()),
                step("ttm", StepStatus.SUCCEEDED, 9_900, 600, 480, 0, List.of()),
                step("ratios", StepStatus.SUCCEEDED, 10_500, 700, 480, 0, List.of()),
                step("metrics", StepStatus.SUCCEEDED, 11_200, 500, 25_900, 0, List.of()));
        return new RunReport("run-9acdb026", "direct", "incremental", RunStatus.PARTIAL, false, 20, START, 12_000,
                List.of(PhaseReport.of(Step.Phase.INDEPENDENT, true, 9_700, 18_800),
                        PhaseReport.of(Step.Phase.DEPENDENT, false, 1_900, 1_800)),
                steps, 30, false, "price PARTIAL (1 symbols failed, e.g. ZZZ: " + HOSTILE + ")",
                List.of(new InvocationReport(START, 12_000, InvocationReport.FINISHED)), List.of(),
                List.of(new RequestWindow(START, 4_000, 100, 100), new RequestWindow(START.plusMillis(4_000), 4_000, 100, 100),
                        new RequestWindow(START.plusMillis(8_000), 4_000, 35, 100)), null);
    }

    /** A backfill over three invocations of 30 s with pauses between them, each window of a minute. */
    static RunReport continued() {
        Instant second = START.plusSeconds(34);
        Instant third = START.plusSeconds(68);
        List<StepReport> steps = List.of(
                new StepReport("company", StepStatus.SUCCEEDED, START.plusMillis(300), START.plusMillis(6_300), 6_000,
                        500, 500, 500, 0, 0, List.of(), null, 500),
                new StepReport("price", StepStatus.SUCCEEDED, START.plusMillis(300), third.plusMillis(9_000), 69_000,
                        600_000, 600_000, 1_000, 2, 0, List.of(), null, 500),
                new StepReport("financial", StepStatus.SUCCEEDED, START.plusMillis(300), third.plusMillis(12_000), 72_000,
                        36_000, 36_000, 1_500, 0, 0, List.of(), null, 500),
                new StepReport("ttm", StepStatus.SUCCEEDED, third.plusMillis(12_100), third.plusMillis(13_300), 1_200,
                        12_000, 12_000, 0, 0, 0, List.of(), null, 0),
                new StepReport("ratios", StepStatus.SUCCEEDED, third.plusMillis(13_300), third.plusMillis(14_100), 800,
                        12_000, 12_000, 0, 0, 0, List.of(), null, 0),
                new StepReport("metrics", StepStatus.SUCCEEDED, third.plusMillis(14_100), third.plusMillis(16_000),
                        1_900, 600_000, 600_000, 0, 0, 0, List.of(), null, 0));
        return new RunReport("backfill-2026-11", "api", "backfill", RunStatus.SUCCEEDED, false, 500, START, 76_000,
                List.of(PhaseReport.of(Step.Phase.INDEPENDENT, true, 72_000, 147_000),
                        PhaseReport.of(Step.Phase.DEPENDENT, false, 3_950, 3_900)),
                steps, 41, false, null,
                List.of(new InvocationReport(START, 30_000, InvocationReport.DEADLINE),
                        new InvocationReport(second, 30_000, InvocationReport.DEADLINE),
                        new InvocationReport(third, 16_000, InvocationReport.FINISHED)),
                List.of(),
                List.of(new RequestWindow(START, 30_000, 750, 750), new RequestWindow(second, 30_000, 750, 750),
                        new RequestWindow(third, 16_000, 500, 750)), null);
    }

    /** A RUNNING record: company done, price and financial under way, the dependent steps waiting. */
    static RunReport running() {
        return new RunReport("nightly-2026-12-01", "schedule", "incremental", RunStatus.RUNNING, false, 500, START,
                45_000, List.of(),
                List.of(new StepReport("company", StepStatus.SUCCEEDED, START.plusMillis(100), START.plusMillis(4_100), 4_000,
                        500, 500, 500, 0, 0, List.of(), null, 500)),
                12, false, null, List.of(new InvocationReport(START, 45_000, InvocationReport.RUNNING)),
                List.of(new StepProgress("price", StepProgress.RUNNING, 312, 500, 640, START.plusMillis(100), 70_000L),
                        new StepProgress("financial", StepProgress.RUNNING, 120, 500, 380, START.plusMillis(100), null),
                        new StepProgress("ttm", StepProgress.WAITING, 0, 0, 0, null, null)),
                List.of(new RequestWindow(START, 45_000, 750, 750)), null);
    }

    private static StepReport step(String id, StepStatus status, long fromMs, long ms, long rows, long requests,
            List<SymbolFailure> failures) {
        return new StepReport(id, status, START.plusMillis(fromMs), START.plusMillis(fromMs + ms), ms, rows, rows,
                requests, 0, 0, failures, null, id.equals("company") || id.equals("price") || id.equals("financial")
                        ? 20 : 0);
    }
}
