package org.marketetl.bookkeeping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.marketetl.report.InvocationReport;
import org.marketetl.report.PhaseReport;
import org.marketetl.report.RequestWindow;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.report.Step;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;
import org.marketetl.report.SymbolFailure;
import org.marketetl.report.UniverseReport;

/**
 * A run continued over several invocations, as the state machine drives it: what the earlier
 * invocations of the same run id left to do, read from the report they recorded in the ledger, and
 * how their step reports add up with this invocation's into the one report of the run.
 *
 * <p>What is left: an independent step that never ran (or was skipped at the deadline) has all its
 * symbols left; one that ran has left exactly the symbols it recorded as
 * {@value SymbolFailure#NOT_STARTED}; one that fetched in bulk and was cut by the deadline has left
 * the bulk units it recorded as {@code unitsLeft}, with the symbols it recorded as not started (the
 * price step's days) or, when it names none, all its symbols (any profile part or statement period
 * may hold any symbol's rows). Symbols that failed for any other reason are done: they are
 * reported, not retried within the run. A dependent step is left until it has run once. A step an
 * invocation was running when it died recorded nothing, and its transaction never committed, so it
 * is left whole: the next invocation does it again from the start.
 */
public final class Continuation {

    private final RunReport earlier;
    private final Map<String, StepReport> earlierSteps;

    private Continuation(RunReport earlier) {
        this.earlier = earlier;
        this.earlierSteps = new HashMap<>();
        if (earlier != null) {
            earlier.steps().forEach(step -> earlierSteps.put(step.step(), step));
        }
    }

    /** A run's first invocation. */
    public static Continuation fresh() {
        return new Continuation(null);
    }

    /**
     * The continuation of {@code earlier}, if that run is to be continued: an invocation stopped at
     * its deadline with work left, or one died while running (the ledger still says RUNNING).
     */
    public static Optional<Continuation> of(RunReport earlier) {
        boolean continues = earlier.workLeft() || earlier.status() == RunStatus.RUNNING;
        return continues ? Optional.of(new Continuation(earlier)) : Optional.empty();
    }

    public boolean isFresh() {
        return earlier == null;
    }

    /** The invocations before this one; one found still running died without a report. */
    public List<InvocationReport> earlierInvocations() {
        if (earlier == null) {
            return List.of();
        }
        return earlier.invocations().stream().map(InvocationReport::settled).toList();
    }

    /** The market-data requests per rate window of the earlier invocations. */
    public List<RequestWindow> earlierRequestWindows() {
        return earlier == null ? List.of() : earlier.requestWindows();
    }

    /** Statements the earlier invocations sent. */
    public long earlierStatements() {
        return earlier == null ? 0 : earlier.warehouseStatements();
    }

    /** The symbols an independent step still has to do, in the run's order. */
    public List<String> symbolsLeft(Step step, List<String> all) {
        StepReport done = earlierSteps.get(step.id());
        if (done == null || done.status() == StepStatus.SKIPPED) {
            return all;
        }
        Set<String> notStarted = notStarted(done);
        if (!done.unitsLeft().isEmpty() && notStarted.isEmpty()) {
            return all;
        }
        return all.stream().filter(notStarted::contains).toList();
    }

    /** The bulk units (parts, periods, days) an earlier invocation left to this one; empty if none. */
    public List<String> unitsLeft(Step step) {
        StepReport done = earlierSteps.get(step.id());
        return done == null || done.status() == StepStatus.SKIPPED ? List.of() : done.unitsLeft();
    }

    /** Whether a dependent step has already run in an earlier invocation. */
    public boolean hasRun(Step step) {
        StepReport done = earlierSteps.get(step.id());
        return done != null && done.status() != StepStatus.SKIPPED;
    }

    /**
     * The run's report of {@code step}: the earlier invocations' and this one's added up. Times,
     * rows and requests add; the failures are the earlier ones, less the symbols this invocation
     * took up, plus its own; the status follows from the step's {@code symbols} and failures.
     */
    public StepReport merge(Step step, StepReport now, int symbols) {
        StepReport before = earlierSteps.get(step.id());
        if (before == null || before.status() == StepStatus.SKIPPED) {
            return now;
        }
        if (now == null || now.status() == StepStatus.SKIPPED) {
            return before;
        }
        Set<String> takenUp = notStarted(before);
        List<SymbolFailure> failures = new ArrayList<>(before.failedSymbols().stream()
                .filter(f -> !(SymbolFailure.NOT_STARTED.equals(f.reason()) && takenUp.contains(f.symbol()))).toList());
        failures.addAll(now.failedSymbols());
        String error = now.error() != null ? now.error() : before.error();
        StepStatus status = now.unitsLeft().isEmpty() ? statusOf(error, failures, symbols, now.status())
                : error != null ? StepStatus.FAILED : StepStatus.PARTIAL;
        // A continued bulk step goes on with its units (same strategy); symbols the deadline left
        // may be few enough for another strategy, which the report then shows after the first.
        boolean same = before.strategy() == null || now.strategy() == null || before.strategy().equals(now.strategy());
        return new StepReport(now.step(), status, before.startedAt(), now.finishedAt(), before.ms() + now.ms(),
                before.rowsExtracted() + now.rowsExtracted(), before.rowsLoaded() + now.rowsLoaded(),
                before.apiRequests() + now.apiRequests(), before.retries() + now.retries(),
                before.throttled() + now.throttled(), failures, error, before.symbolsDone() + now.symbolsDone(),
                before.rebasedRefetched() + now.rebasedRefetched(), before.rebasedScaled() + now.rebasedScaled(),
                same ? firstNonNull(before.strategy(), now.strategy()) : before.strategy() + ", then " + now.strategy(),
                same ? firstNonNull(before.strategyReason(), now.strategyReason())
                        : before.strategyReason() + "; then " + now.strategyReason(),
                now.unitsLeft(),
                before.unitsDone() + now.unitsDone());
    }

    /** How the run's universe was resolved, over all invocations (only the first reloads the lists). */
    public UniverseReport universe(UniverseReport now) {
        UniverseReport before = earlier == null ? null : earlier.universe();
        if (before == null || now == null) {
            return before == null ? now : before;
        }
        return new UniverseReport(now.selector(), now.symbols(), now.delisted(), before.refreshed() || now.refreshed(),
                before.apiRequests() + now.apiRequests(), before.ms() + now.ms(),
                now.error() != null ? now.error() : before.error());
    }

    /** The phases of the run: each phase's times over all invocations. */
    public List<PhaseReport> mergePhases(List<PhaseReport> now) {
        if (earlier == null) {
            return now;
        }
        if (now.isEmpty()) {
            return earlier.phases();
        }
        Map<String, PhaseReport> before = earlier.phases().stream()
                .collect(Collectors.toMap(PhaseReport::phase, p -> p));
        return now.stream().map(phase -> {
            PhaseReport old = before.get(phase.phase());
            return old == null ? phase
                    : PhaseReport.of(Step.Phase.valueOf(phase.phase().toUpperCase(Locale.ROOT)),
                            phase.parallel(), old.ms() + phase.ms(), old.stepsMs() + phase.stepsMs());
        }).toList();
    }

    /** The same rule as {@code StepOutcome.status()}, over the run's symbols rather than one invocation's. */
    private static StepStatus statusOf(String error, List<SymbolFailure> failures, int symbols, StepStatus now) {
        if (error != null) {
            return StepStatus.FAILED;
        }
        if (symbols == 0) {
            return now;
        }
        if (failures.isEmpty()) {
            return StepStatus.SUCCEEDED;
        }
        return failures.size() >= symbols ? StepStatus.FAILED : StepStatus.PARTIAL;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    public static Set<String> notStarted(StepReport report) {
        return report.failedSymbols().stream().filter(f -> SymbolFailure.NOT_STARTED.equals(f.reason()))
                .map(SymbolFailure::symbol).collect(Collectors.toSet());
    }
}
