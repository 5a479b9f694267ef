package org.marketetl.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.marketetl.config.RunConfig;
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

    public Pipeline(Instance<StepTask> tasks, RunLedger ledger, Warehouse warehouse, BusinessDate businessDate,
            SchemaMigrator migrator, ObjectMapper json, RunConfig config, RunLock lock, PlanWindow planWindow) {
        tasks.forEach(task -> this.tasks.put(task.step(), task));
        this.ledger = ledger;
        this.warehouse = warehouse;
        this.businessDate = businessDate;
        this.migrator = migrator;
        this.metrics = new EmbeddedMetrics(json);
        this.config = config;
        this.lock = lock;
        this.planWindow = planWindow;
    }

    /**
     * Runs the request and records its report in the ledger. A run id that already SUCCEEDED is
     * not run again: its stored report is the answer (the id is an idempotency key). A warehouse
     * whose schema is older than this build refuses the run before anything happens. Every run
     * but a dry run (which writes nothing) holds the run lock from before it reads the ledger until
     * its report is recorded; another run holding it means a bounded wait, then a
     * {@link RunLockedException}.
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
            return execute(request, invocationDeadline);
        }
        try (RunLock.Held held = lock.acquire(request.runId())) {
            planWindow.resume();
            return execute(request, invocationDeadline);
        }
    }

    private RunReport execute(RunRequest request, Deadline invocationDeadline) {
        Optional<RunReport> earlier = ledger.find(request.runId());
        if (earlier.isPresent() && earlier.get().status() == RunStatus.SUCCEEDED) {
            Log.infof("run %s already succeeded; answering its stored report", request.runId());
            return earlier.get();
        }
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Deadline deadline = invocationDeadline.atMost(config.maxDuration(), config.deadlineReserve());
        long statementsBefore = warehouse.statementsSent();
        RunContext context = new RunContext(request, businessDate.today(), deadline);

        Map<Step, StepReport> reports = new EnumMap<>(Step.class);
        long independentStart = System.nanoTime();
        runIndependent(context).forEach(r -> reports.put(Step.fromId(r.step()), r));
        long independentMs = elapsedMs(independentStart);
        long dependentStart = System.nanoTime();
        runDependent(context, reports);
        long dependentMs = elapsedMs(dependentStart);

        List<StepReport> ordered = new ArrayList<>(reports.values());
        List<PhaseReport> phases = List.of(
                PhaseReport.of(Step.Phase.INDEPENDENT, true, independentMs, sumMs(ordered, Step.Phase.INDEPENDENT)),
                PhaseReport.of(Step.Phase.DEPENDENT, false, dependentMs, sumMs(ordered, Step.Phase.DEPENDENT)));
        RunStatus status = RunStatus.of(ordered.stream().map(StepReport::status).toList(), request.dryRun());
        RunReport report = new RunReport(request.runId(), request.trigger().id(), request.mode().id(), status,
                request.dryRun(), request.symbols().size(), startedAt, elapsedMs(start), phases, ordered,
                warehouse.statementsSent() - statementsBefore);
        if (!request.dryRun()) {
            ledger.record(report);
            planWindow.record();
            if (config.emitMetrics()) {
                metrics.emit(report, System.out);
            }
        }
        return report;
    }

    private List<StepReport> runIndependent(RunContext context) {
        List<Uni<StepReport>> running = new ArrayList<>();
        for (Step step : requested(context.request(), Step.Phase.INDEPENDENT)) {
            Optional<String> skip = skipReason(step, context, Map.of());
            if (skip.isPresent()) {
                running.add(Uni.createFrom().item(StepReport.skipped(step, skip.get())));
            } else {
                running.add(Uni.createFrom().item(() -> StepTimer.time(tasks.get(step), context))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
            }
        }
        if (running.isEmpty()) {
            return List.of();
        }
        return Uni.join().all(running).andCollectFailures().await().indefinitely();
    }

    private void runDependent(RunContext context, Map<Step, StepReport> reports) {
        for (Step step : requested(context.request(), Step.Phase.DEPENDENT)) {
            StepReport report = skipReason(step, context, reports)
                    .map(reason -> StepReport.skipped(step, reason))
                    .orElseGet(() -> StepTimer.time(tasks.get(step), context));
            reports.put(step, report);
        }
    }

    /** Why a step must not run now, if it must not. */
    private Optional<String> skipReason(Step step, RunContext context, Map<Step, StepReport> done) {
        if (context.request().dryRun()) {
            return Optional.of("dry run");
        }
        for (Step input : step.inputs()) {
            StepReport inputReport = done.get(input);
            if (inputReport != null
                    && (inputReport.status() == StepStatus.FAILED || inputReport.status() == StepStatus.SKIPPED)) {
                return Optional.of("input step " + input.id() + " " + inputReport.status());
            }
        }
        if (!context.deadline().allowsNewWork()) {
            return Optional.of("deadline: too little time left to start");
        }
        return Optional.empty();
    }

    private static List<Step> requested(RunRequest request, Step.Phase phase) {
        return Arrays.stream(Step.values())
                .filter(step -> step.phase() == phase && request.steps().contains(step))
                .toList();
    }

    private static long sumMs(List<StepReport> reports, Step.Phase phase) {
        return reports.stream().filter(r -> Step.fromId(r.step()).phase() == phase).mapToLong(StepReport::ms).sum();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
