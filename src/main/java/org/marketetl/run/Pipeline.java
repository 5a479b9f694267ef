package org.marketetl.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.marketetl.bookkeeping.Continuation;
import org.marketetl.bookkeeping.PlanWindow;
import org.marketetl.bookkeeping.RunLedger;
import org.marketetl.bookkeeping.RunLock;
import org.marketetl.bookkeeping.RunLockedException;
import org.marketetl.report.InvocationReport;
import org.marketetl.report.PhaseReport;
import org.marketetl.report.RequestWindow;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.report.Step;
import org.marketetl.report.StepProgress;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;
import org.marketetl.config.RunConfig;
import org.marketetl.warehouse.RunStage;
import org.marketetl.warehouse.SchemaMigrator;
import org.marketetl.warehouse.Warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import org.jboss.logging.MDC;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The orchestrator. Phase "independent" runs the company, price and financial ETLs at once on
 * Mutiny's worker pool (each blocks on JDBC, so none may run on an event loop); phase
 * "dependent" then runs TTM, ratios and metrics in order. A failing step never stops its
 * siblings; a dependent step whose input failed is skipped.
 *
 * <p>A run may take several invocations: one that reaches its deadline stops starting symbols,
 * records what it did and answers {@code workLeft}; invoked again with the same run id (the state
 * machine does that), the run goes on with what is left ({@link Continuation}) and ends with one
 * report and one ledger entry. The dependent steps run once, when the loads have nothing left.
 */
@ApplicationScoped
public class Pipeline {

    private final Map<Step, StepTask> tasks = new EnumMap<>(Step.class);
    private final RunLedger ledger;
    private final Warehouse warehouse;
    private final BusinessDate businessDate;
    private final SchemaMigrator migrator;
    private final EmbeddedMetrics metrics;
    private final RunConfig config;
    private final RunLock lock;
    private final PlanWindow planWindow;
    private final RunProgress runProgress;
    private final UniverseResolver universe;

    public Pipeline(Instance<StepTask> tasks, RunLedger ledger, Warehouse warehouse, BusinessDate businessDate,
            SchemaMigrator migrator, ObjectMapper json, RunConfig config, RunLock lock, PlanWindow planWindow,
            RunProgress runProgress, UniverseResolver universe) {
        tasks.forEach(task -> this.tasks.put(task.step(), task));
        this.ledger = ledger;
        this.warehouse = warehouse;
        this.businessDate = businessDate;
        this.migrator = migrator;
        this.metrics = new EmbeddedMetrics(json);
        this.config = config;
        this.lock = lock;
        this.planWindow = planWindow;
        this.runProgress = runProgress;
        this.universe = universe;
    }

    /**
     * Runs the request (or the rest of it) and records its report in the ledger. A run id that
     * already SUCCEEDED is not run again: its stored report is the answer (the id is an idempotency
     * key). A warehouse whose schema is older than this build refuses the run before anything
     * happens. Every run but a dry run (which writes nothing) holds the run lock from before it
     * reads the ledger until its report is recorded, and writes its stage files in a directory of
     * its own meanwhile ({@link RunStage}); another run holding the lock, or another invocation of
     * the same run, means a bounded wait, then a {@code RunLockedException}.
     */
    public RunReport run(RunRequest request, Deadline deadline) {
        MDC.put("runId", request.runId());
        try {
            return runOnce(request, deadline);
        } finally {
            MDC.remove("runId");
        }
    }

    private RunReport runOnce(RunRequest request, Deadline invocationDeadline) {
        migrator.requireCurrentSchema();
        if (request.dryRun()) {
            return new Invocation(request, invocationDeadline, Continuation.fresh(), 0, false).execute();
        }
        long lockWaitStart = System.nanoTime();
        RunLock.Held acquired;
        try {
            acquired = lock.acquire(request.runId());
        } catch (RunLockedException refused) {
            if (config.emitMetrics()) {
                metrics.emitLockRefused(request.runId(), elapsedMs(lockWaitStart), System.out);
            }
            throw refused;
        }
        long lockWaitMs = elapsedMs(lockWaitStart);
        try (RunLock.Held held = acquired;
                RunStage stage = warehouse.stageFilesOf(request.runId(), held.owner())) {
            // FMP's window is per API key: calls of the previous invocation still count in it.
            planWindow.resume();
            held.tookOverFrom().filter(dead -> !dead.runId().equals(request.runId()))
                    .ifPresent(dead -> ledger.abandon(dead, request.runId()));
            Optional<RunReport> earlier = ledger.find(request.runId());
            if (earlier.isPresent() && earlier.get().status() == RunStatus.SUCCEEDED) {
                Log.infof("run %s already succeeded; answering its stored report", request.runId());
                return earlier.get();
            }
            Continuation continuation = earlier.flatMap(Continuation::of).orElse(Continuation.fresh());
            // The symbol lists are reloaded (when stale) by a run's first invocation only, so that
            // every invocation of a run resolves its selector against the same SECURITY rows.
            Invocation invocation = new Invocation(request, invocationDeadline, continuation, lockWaitMs,
                    continuation.isFresh());
            invocation.recordProgress();
            held.renewWhileRunning(invocation::recordProgress);
            RunReport report;
            try (RunProgress.Tracking shown = invocation.tracking.publish()) {
                report = invocation.execute();
            }
            held.stopRenewing();
            ledger.record(report);
            planWindow.record();
            return report;
        }
    }

    /** One invocation's work on the run: its steps, its clock, and the run's report after it. */
    private final class Invocation {

        private final RunRequest request;
        private final Continuation continuation;
        private final long lockWaitMs;
        private final RunContext context;
        private final UniverseResolver.Resolved resolved;
        private final Instant startedAt = Instant.now();
        private final long start = System.nanoTime();
        private final long statementsBefore = warehouse.statementsSent();
        /** This invocation's step reports as they finish; read by the progress records meanwhile. */
        private final Map<Step, StepReport> done = new ConcurrentHashMap<>();
        /** The steps' live counters and the requests per rate window, for the progress records and the report. */
        private final RunProgress.Tracking tracking = runProgress.track(this::progress);
        /**
         * Taken by each progress record, from its snapshot to its write: the renewal thread and the
         * steps finishing on worker threads record at once otherwise, and two writes of the run's one
         * ledger row at once conflict (DuckDB refuses one: "Conflict on update!"), or an older
         * snapshot lands after a newer one.
         */
        private final Object recording = new Object();

        Invocation(RunRequest asked, Deadline invocationDeadline, Continuation continuation, long lockWaitMs,
                boolean mayReload) {
            LocalDate asOf = businessDate.today();
            this.resolved = universe.resolve(asked, asOf, mayReload && !asked.dryRun());
            this.request = resolved.request();
            this.continuation = continuation;
            this.lockWaitMs = lockWaitMs;
            Instant runStartedAt = continuation.earlierInvocations().stream().findFirst()
                    .map(InvocationReport::startedAt).orElse(startedAt);
            this.context = new RunContext(request, asOf,
                    invocationDeadline.atMost(config.maxDuration(), config.deadlineReserve()), List.of(),
                    resolved.delistedOn(), runStartedAt);
        }

        RunReport execute() {
            long independentStart = System.nanoTime();
            runIndependent();
            long independentMs = elapsedMs(independentStart);
            long dependentStart = System.nanoTime();
            runDependent();
            long dependentMs = elapsedMs(dependentStart);
            List<PhaseReport> phases = List.of(
                    PhaseReport.of(Step.Phase.INDEPENDENT, true, independentMs, sumMs(Step.Phase.INDEPENDENT)),
                    PhaseReport.of(Step.Phase.DEPENDENT, false, dependentMs, sumMs(Step.Phase.DEPENDENT)));
            RunReport report = report(phases, false);
            if (!request.dryRun() && config.emitMetrics()) {
                metrics.emit(thisInvocationOnly(report), !continuation.isFresh(), lockWaitMs, System.out);
            }
            return report;
        }

        /** The run as the ledger shows it while this invocation works: RUNNING, what is done so far. */
        RunReport progress() {
            return report(continuation.mergePhases(List.of()), true);
        }

        /** Records {@link #progress()} in the ledger, one record at a time. */
        void recordProgress() {
            synchronized (recording) {
                ledger.progress(progress());
            }
        }

        private void runIndependent() {
            List<Uni<StepReport>> running = new ArrayList<>();
            for (Step step : requested(Step.Phase.INDEPENDENT)) {
                List<String> left = continuation.symbolsLeft(step, request.symbols());
                if (left.isEmpty() && !continuation.isFresh()) {
                    continue; // finished in an earlier invocation
                }
                Optional<String> skip = skipReason(step);
                if (skip.isPresent()) {
                    done.put(step, StepReport.skipped(step, skip.get()));
                    continue;
                }
                RunContext stepContext = context.forStep(withoutSettled(step, left), continuation.unitsLeft(step));
                running.add(Uni.createFrom().item(() -> StepTimer.time(tasks.get(step), stepContext, tracking))
                        .invoke(report -> finished(step, report))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
            }
            if (!running.isEmpty()) {
                Uni.join().all(running).andCollectFailures().await().indefinitely();
            }
        }

        /**
         * An incremental run leaves out the delisted symbols whose data the step has already loaded
         * after their delisting: nothing new can come, and asking would cost a request a day each.
         */
        private List<String> withoutSettled(Step step, List<String> symbols) {
            Set<String> settled = resolved.settled().getOrDefault(step, Set.of());
            if (request.mode() != Mode.INCREMENTAL || settled.isEmpty()) {
                return symbols;
            }
            return symbols.stream().filter(symbol -> !settled.contains(symbol)).toList();
        }

        private void finished(Step step, StepReport report) {
            done.put(step, report);
            if (!request.dryRun()) {
                try {
                    recordProgress();
                } catch (RuntimeException e) {
                    Log.warnf("could not record the progress of run %s: %s", request.runId(), e.getMessage());
                }
            }
        }

        private void runDependent() {
            boolean loadsLeft = requested(Step.Phase.INDEPENDENT).stream().anyMatch(this::hasSymbolsLeft);
            for (Step step : requested(Step.Phase.DEPENDENT)) {
                if (continuation.hasRun(step)) {
                    continue;
                }
                Optional<String> skip = loadsLeft
                        ? Optional.of("waiting: the load steps have symbols left for the run's next invocation")
                        : skipReason(step);
                StepReport report = skip.map(reason -> StepReport.skipped(step, reason))
                        .orElseGet(() -> StepTimer.time(tasks.get(step), context, tracking));
                done.put(step, report);
            }
        }

        /** Why a step must not run now, if it must not. */
        private Optional<String> skipReason(Step step) {
            if (resolved.failure() != null) {
                return Optional.of("universe: " + resolved.failure());
            }
            if (request.dryRun()) {
                return Optional.of("dry run");
            }
            for (Step input : step.inputs()) {
                StepReport inputReport = merged(input);
                if (inputReport != null
                        && (inputReport.status() == StepStatus.FAILED || inputReport.status() == StepStatus.SKIPPED)) {
                    return Optional.of("input step " + input.id() + " " + inputReport.status());
                }
            }
            if (!context.deadline().allowsNewWork()) {
                return Optional.of(StepReport.NOT_STARTED_STEP);
            }
            return Optional.empty();
        }

        /** The run's report of a step so far: earlier invocations' and this one's. */
        private StepReport merged(Step step) {
            int symbols = step.phase() == Step.Phase.INDEPENDENT ? request.symbols().size() : 0;
            return continuation.merge(step, done.get(step), symbols);
        }

        /** Whether an independent step still has symbols the deadline kept from starting. */
        private boolean hasSymbolsLeft(Step step) {
            StepReport report = merged(step);
            return report == null || (report.status() == StepStatus.SKIPPED && isDeadline(report.error()))
                    || !Continuation.notStarted(report).isEmpty() || !report.unitsLeft().isEmpty();
        }

        /**
         * The run's report after this invocation (or, with {@code running}, while it works). Work
         * is left when a requested step has symbols or its turn left because of the deadline; the
         * run is continued only if this invocation got something done, so a run that cannot move
         * (a deadline too short for one symbol) ends PARTIAL instead of looping.
         */
        private RunReport report(List<PhaseReport> phases, boolean running) {
            List<StepReport> steps = requested(null).stream().map(this::merged).filter(r -> r != null).toList();
            boolean left = requested(null).stream().anyMatch(this::workLeftIn);
            boolean progressed = done.values().stream().anyMatch(r -> r.symbolsDone() > 0 || r.unitsDone() > 0
                    || (r.status() != StepStatus.SKIPPED && Step.fromId(r.step()).phase() == Step.Phase.DEPENDENT));
            boolean workLeft = !running && !request.dryRun() && left && progressed;
            long ms = elapsedMs(start);
            RunStatus status = running ? RunStatus.RUNNING
                    : workLeft ? RunStatus.PARTIAL
                    : RunStatus.of(steps.stream().map(StepReport::status).toList(),
                            request.dryRun() && resolved.failure() == null);
            List<InvocationReport> invocations = new ArrayList<>(continuation.earlierInvocations());
            invocations.add(new InvocationReport(startedAt, ms,
                    running ? InvocationReport.RUNNING : workLeft ? InvocationReport.DEADLINE : InvocationReport.FINISHED));
            long totalMs = invocations.stream().mapToLong(InvocationReport::ms).sum();
            List<RequestWindow> requestWindows = new ArrayList<>(continuation.earlierRequestWindows());
            requestWindows.addAll(tracking.requestWindows());
            return new RunReport(request.runId(), request.trigger().id(), request.mode().id(), status,
                    request.dryRun(), request.symbols().size(), invocations.get(0).startedAt(), totalMs,
                    continuation.mergePhases(phases), steps,
                    continuation.earlierStatements() + warehouse.statementsSent() - statementsBefore, workLeft,
                    reason(status, steps), invocations, running ? stepsInProgress() : List.of(), requestWindows,
                    continuation.universe(resolved.report()));
        }

        /** The requested steps this invocation has still to finish, with their symbols done so far. */
        private List<StepProgress> stepsInProgress() {
            return requested(null).stream().filter(step -> !done.containsKey(step) && runsNow(step))
                    .map(step -> tracking.progress(step, merged(step),
                            step.phase() == Step.Phase.INDEPENDENT ? request.symbols().size() : 0))
                    .toList();
        }

        /** Whether this invocation has work in {@code step}: not all of it was done by earlier ones. */
        private boolean runsNow(Step step) {
            if (step.phase() == Step.Phase.DEPENDENT) {
                return !continuation.hasRun(step);
            }
            return continuation.isFresh() || !continuation.symbolsLeft(step, request.symbols()).isEmpty();
        }

        private boolean workLeftIn(Step step) {
            if (step.phase() == Step.Phase.INDEPENDENT) {
                return hasSymbolsLeft(step);
            }
            StepReport report = merged(step);
            return report == null || (report.status() == StepStatus.SKIPPED
                    && (isDeadline(report.error()) || report.error().startsWith("waiting")));
        }

        /** The report of this invocation's steps alone, for the per-invocation metrics. */
        private RunReport thisInvocationOnly(RunReport run) {
            List<StepReport> steps = requested(null).stream().map(done::get).filter(r -> r != null).toList();
            return new RunReport(run.runId(), run.trigger(), run.mode(), run.status(), run.dryRun(), run.symbols(),
                    startedAt, elapsedMs(start), List.of(), steps, 0, run.workLeft(), run.reason(), List.of());
        }

        /** The steps the request asks for, in order: of {@code phase}, or all of them for null. */
        private List<Step> requested(Step.Phase phase) {
            return Arrays.stream(Step.values())
                    .filter(step -> (phase == null || step.phase() == phase) && request.steps().contains(step))
                    .toList();
        }

        private long sumMs(Step.Phase phase) {
            return done.values().stream().filter(r -> Step.fromId(r.step()).phase() == phase)
                    .mapToLong(StepReport::ms).sum();
        }
    }

    /** One line on why a run is not SUCCEEDED: the state machine's failure cause, the operator's first clue. */
    private static String reason(RunStatus status, List<StepReport> steps) {
        if (status == RunStatus.SUCCEEDED || status == RunStatus.RUNNING) {
            return null;
        }
        String why = steps.stream().filter(s -> s.status() != StepStatus.SUCCEEDED).map(s -> {
            String detail = s.error() != null || s.failedSymbols().isEmpty() ? String.valueOf(s.error())
                    : s.failedSymbols().size() + " symbols failed, e.g. " + s.failedSymbols().get(0).symbol() + ": "
                            + s.failedSymbols().get(0).reason();
            return s.step() + " " + s.status() + " (" + detail + ")";
        }).collect(Collectors.joining("; "));
        return why.isEmpty() ? status.name() : why;
    }

    private static boolean isDeadline(String reason) {
        return reason != null && reason.startsWith("deadline");
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
