package org.marketetl.report;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One phase of a run. For the parallel phase, {@code speedUp} is the sum of its steps' times over
 * its wall time, the figure the original pipeline's report showed (27.8 s wall for 54.4 s of work).
 *
 * @param phase     {@code independent} or {@code dependent}
 * @param parallel  whether its steps ran concurrently
 * @param ms        wall time of the phase
 * @param stepsMs   sum of its steps' times
 * @param speedUp   {@code stepsMs / ms}, rounded to 0.01; just under 1.0 for a sequential phase
 *                  (its own overhead), 0 when nothing ran
 */
@RegisterForReflection
public record PhaseReport(String phase, boolean parallel, long ms, long stepsMs, double speedUp) {

    public static PhaseReport of(Step.Phase phase, boolean parallel, long ms, long stepsMs) {
        double speedUp = ms == 0 ? 0 : Math.round(100.0 * stepsMs / ms) / 100.0;
        return new PhaseReport(phase.id(), parallel, ms, stepsMs, speedUp);
    }
}
