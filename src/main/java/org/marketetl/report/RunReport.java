package org.marketetl.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a run and its record in the ledger: JSON for machines (Jackson, as the handler
 * answers), {@link #summaryLines()} for people. Holds no secrets: messages are redacted where they arise.
 *
 * @param runId               the run's id (the request's idempotency key, or a generated one)
 * @param trigger             schedule, api or direct
 * @param mode                incremental, backfill or full-refresh
 * @param status              derived from the steps, see {@link RunStatus}
 * @param dryRun              true when nothing was fetched or written
 * @param symbols             size of the run's universe
 * @param startedAt           when the run began
 * @param totalMs             wall time of the whole run
 * @param phases              the two phases with their wall times and the parallel speed-up
 * @param steps               every step, in order, with its own figures
 * @param warehouseStatements statements sent to the warehouse during the run
 * @param workLeft            true when the run stopped at its deadline with symbols or steps left
 *                            and made progress: the state machine invokes it again (same run id)
 * @param reason              why the run is not SUCCEEDED, in one line (the state machine's failure
 *                            cause); null when it is
 * @param invocations         the Lambda invocations the run took, in order
 * @param progress            RUNNING records only: every step not finished yet, with its symbols done
 *                            of total so far; empty once the run has ended
 * @param requestWindows      the market-data requests per rate window, over all invocations
 * @param universe            how the universe selector was resolved; null when the request named
 *                            its symbols (or left them to the configured universe)
 */
@RegisterForReflection
public record RunReport(
        String runId,
        String trigger,
        String mode,
        RunStatus status,
        boolean dryRun,
        int symbols,
        Instant startedAt,
        long totalMs,
        List<PhaseReport> phases,
        List<StepReport> steps,
        long warehouseStatements,
        boolean workLeft,
        String reason,
        List<InvocationReport> invocations,
        List<StepProgress> progress,
        List<RequestWindow> requestWindows,
        UniverseReport universe) {

    public RunReport {
        phases = List.copyOf(phases);
        steps = List.copyOf(steps);
        // Absent in records written before these fields existed: read as none.
        invocations = invocations == null ? List.of() : List.copyOf(invocations);
        progress = progress == null ? List.of() : List.copyOf(progress);
        requestWindows = requestWindows == null ? List.of() : List.copyOf(requestWindows);
    }

    /**
     * A report without live progress, request windows or universe selector (a finished run over
     * named symbols that sent no request; tests).
     */
    public RunReport(String runId, String trigger, String mode, RunStatus status, boolean dryRun, int symbols,
            Instant startedAt, long totalMs, List<PhaseReport> phases, List<StepReport> steps,
            long warehouseStatements, boolean workLeft, String reason, List<InvocationReport> invocations) {
        this(runId, trigger, mode, status, dryRun, symbols, startedAt, totalMs, phases, steps, warehouseStatements,
                workLeft, reason, invocations, List.of(), List.of(), null);
    }

    /** One line per step, then one for the run. */
    public List<String> summaryLines() {
        List<String> stepLines = new ArrayList<>();
        if (universe != null) {
            stepLines.add(String.format(Locale.ROOT, "universe %s: %,d symbols (%,d delisted)%s%s", universe.selector(),
                    universe.symbols(), universe.delisted(), universe.refreshed()
                            ? String.format(Locale.ROOT, ", symbol lists reloaded: %,d requests", universe.apiRequests())
                            : "", universe.error() == null ? "" : " (" + universe.error() + ")"));
        }
        steps.stream().map(StepReport::summary).forEach(stepLines::add);
        String runLine = String.format(Locale.ROOT, "run %s %s in %.1f s (%s, %d symbols, %d warehouse statements%s)",
                runId, status, totalMs / 1000.0, mode, symbols, warehouseStatements,
                invocations.size() > 1 ? ", " + invocations.size() + " invocations" : "");
        if (workLeft) {
            runLine += "; stopped at its deadline with work left: invoke it again with the same runId to continue";
        }
        return Stream.concat(stepLines.stream(), Stream.of(runLine)).toList();
    }
}
