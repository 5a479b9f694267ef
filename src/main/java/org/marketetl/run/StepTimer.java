package org.marketetl.run;

import java.time.Instant;

import org.jboss.logging.MDC;
import org.marketetl.report.Step;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.Redactor;

import io.quarkus.logging.Log;

/**
 * The one place a step's clock runs: started before the work, stopped in {@code finally}, so a
 * failed step is timed too. Steps never touch the clock themselves. Here too the step's live
 * counters begin ({@link RunProgress}): its symbols and requests as they go.
 */
final class StepTimer {

    private StepTimer() {
    }

    static StepReport time(StepTask task, RunContext context, RunProgress.Tracking progress) {
        Step step = task.step();
        MDC.put("runId", context.request().runId());
        MDC.put("step", step.id());
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        ApiCallCounter calls = progress.callCounter();
        progress.started(step, step.phase() == Step.Phase.INDEPENDENT ? context.request().symbols().size() : 0, calls);
        StepOutcome outcome = null;
        String error = null;
        try {
            outcome = task.run(context, calls);
        } catch (Exception e) {
            error = Redactor.redact(describe(e));
            Log.errorf("step %s failed: %s", step.id(), error);
        } finally {
            progress.ended();
            MDC.remove("step");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Instant finishedAt = startedAt.plusMillis(ms);
        if (outcome == null) {
            // The requests a failed step made are reported too: they cost plan quota and time.
            return new StepReport(step.id(), StepStatus.FAILED, startedAt, finishedAt, ms, 0, 0, calls.requests(),
                    calls.retries(), calls.throttledRequests(), null, error, 0);
        }
        return new StepReport(step.id(), outcome.status(), startedAt, finishedAt, ms, outcome.rowsExtracted(),
                outcome.rowsLoaded(), calls.requests(), calls.retries(), calls.throttledRequests(),
                outcome.failedSymbols(), null, outcome.symbolsDone(), outcome.rebased().refetched(),
                outcome.rebased().scaled(), outcome.strategy(), outcome.strategyReason(), outcome.unitsLeft(),
                outcome.unitsDone());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
