package org.marketetl.bookkeeping;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.report.InvocationReport;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;
import org.marketetl.warehouse.WarehouseSession;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * The run ledger: every run's report, stored as JSON with one queryable row per step, readable
 * back by run id. A run is recorded as RUNNING when an invocation starts on it, its progress as
 * its steps finish, and its report when the invocation ends; each record is one transaction, so a
 * report is either fully recorded or not at all. All of it is bookkeeping: its statements are not
 * counted as the run's.
 */
@ApplicationScoped
public class RunLedger {

    /** One row per step, for queries across runs; the full detail is in RUN_LEDGER.REPORT. */
    private static final List<String> STEP_COLUMNS = List.of("RUN_ID", "STEP", "STATUS", "STARTED_AT", "FINISHED_AT",
            "DURATION_MS", "ROWS_EXTRACTED", "ROWS_LOADED", "API_REQUESTS", "RETRIES", "THROTTLED", "FAILED_SYMBOLS");

    private final Warehouse warehouse;
    private final ObjectMapper json;

    public RunLedger(Warehouse warehouse, ObjectMapper json) {
        this.warehouse = warehouse;
        this.json = json;
    }

    /**
     * Records a run in progress (status RUNNING): the steps finished so far, the invocations so far.
     * One statement; the per-step rows wait for the end.
     */
    public void progress(RunReport running) {
        String runningJson = toJson(running);
        warehouse.bookkeeping(session -> mergeRun(session, running, runningJson));
    }

    /**
     * Records {@code dead} as ABANDONED: it held the run lock and stopped renewing it, and
     * {@code takenOverBy} took the lock over. What it had done is its last progress record. A dead
     * run that recorded nothing (it died before its first record) leaves nothing to mark.
     */
    public void abandon(RunLock.Holder dead, String takenOverBy) {
        find(dead.runId()).filter(report -> report.status() == RunStatus.RUNNING).ifPresent(report -> {
            String reason = "abandoned: its invocation died (its run lock lapsed at " + dead.expiresAt()
                    + " without renewal); run " + takenOverBy + " took the lock over at " + Instant.now();
            List<InvocationReport> invocations = report.invocations().stream().map(InvocationReport::settled).toList();
            record(new RunReport(report.runId(), report.trigger(), report.mode(), RunStatus.ABANDONED, report.dryRun(),
                    report.symbols(), report.startedAt(), report.totalMs(), report.phases(), report.steps(),
                    report.warehouseStatements(), false, reason, invocations, List.of(), report.requestWindows(),
                    report.universe()));
            Log.warnf("run %s %s", dead.runId(), reason);
        });
    }

    /** Records the report, replacing an earlier record under the same run id. */
    public void record(RunReport report) {
        String reportJson = toJson(report);
        warehouse.bookkeeping(session -> {
            mergeRun(session, report, reportJson);
            session.update("DELETE FROM RUN_STEP WHERE RUN_ID = ?", report.runId());
            List<Object[]> steps = report.steps().stream().map(step -> new Object[] { report.runId(), step.step(),
                    step.status().name(), step.startedAt(), step.finishedAt(), step.ms(), step.rowsExtracted(),
                    step.rowsLoaded(), step.apiRequests(), step.retries(), step.throttled(),
                    (long) step.failedSymbols().size() }).toList();
            session.insertBatches("RUN_STEP", STEP_COLUMNS, steps);
            return null;
        });
    }

    /** The run's row of RUN_LEDGER, inserted or replaced. */
    private static int mergeRun(WarehouseSession session, RunReport report, String reportJson) throws SQLException {
        return session.update(SqlResource.load(RunLedger.class, "ledger-merge-run.sql"), report.runId(),
                report.trigger(), report.mode(), report.status().name(), report.startedAt(), report.totalMs(),
                reportJson);
    }

    /** The stored report of a run, if there is one. */
    public Optional<RunReport> find(String runId) {
        List<String> found = warehouse.withSession(
                session -> session.query("SELECT REPORT FROM RUN_LEDGER WHERE RUN_ID = ?", row -> row.getString(1), runId));
        return found.stream().findFirst().map(this::fromJson);
    }

    private String toJson(RunReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write run report as JSON", e);
        }
    }

    private RunReport fromJson(String text) {
        try {
            return json.readValue(text, RunReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run report is not readable", e);
        }
    }
}
