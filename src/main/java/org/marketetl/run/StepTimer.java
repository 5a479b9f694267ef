package org.marketetl.run;

import java.time.Instant;

import org.jboss.logging.MDC;
import org.marketetl.marketdata.Redactor;

import io.quarkus.logging.Log;

/**
 * The one place a step's clock runs: started before the work, stopped in {@code finally}, so a
 * failed step is timed too. Steps never touch the clock themselves.
 */
final class StepTimer {

    private StepTimer() {
    }

    static StepReport time(StepTask task, RunContext context) {
        Step step = task.step();
        MDC.put("runId", context.request().runId());
        MDC.put("step", step.id());
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        StepOutcome outcome = null;
        String error = null;
        try {
            outcome = task.run(context);
        } catch (Exception e) {
            error = Redactor.redact(describe(e));
            Log.errorf("step %s failed: %s", step.id(), error);
        } finally {
            MDC.remove("step");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Instant finishedAt = startedAt.plusMillis(ms);
        if (outcome == null) {
            return new StepReport(step.id(), StepStatus.FAILED, startedAt, finishedAt, ms, 0, 0, 0, 0, 0, null, error);
        }
        return new StepReport(step.id(), outcome.status(), startedAt, finishedAt, ms, outcome.rowsExtracted(),
                outcome.rowsLoaded(), outcome.apiRequests(), outcome.retries(), outcome.throttled(),
                outcome.failedSymbols(), null);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
