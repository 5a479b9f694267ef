package org.marketetl.report;

import java.util.Collection;

/**
 * How a run ended, from its steps' statuses:
 * <ul>
 * <li>SUCCEEDED: every requested step SUCCEEDED (a dry run, which skips all, also counts);</li>
 * <li>FAILED: no requested step SUCCEEDED or was PARTIAL, so nothing new reached the warehouse;</li>
 * <li>PARTIAL: anything in between; the step reports say what is missing.</li>
 * </ul>
 * Two more only the ledger shows: RUNNING while an invocation works on the run, and ABANDONED for a
 * run whose holder died and whose run lock another run took over.
 */
public enum RunStatus {
    SUCCEEDED, PARTIAL, FAILED, RUNNING, ABANDONED;

    public static RunStatus of(Collection<StepStatus> steps, boolean dryRun) {
        if (dryRun || steps.stream().allMatch(s -> s == StepStatus.SUCCEEDED)) {
            return SUCCEEDED;
        }
        boolean anyDone = steps.stream().anyMatch(s -> s == StepStatus.SUCCEEDED || s == StepStatus.PARTIAL);
        return anyDone ? PARTIAL : FAILED;
    }
}
