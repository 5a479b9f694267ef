package org.marketetl.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.ArrayList;
import java.util.List;

import org.marketetl.report.PhaseReport;
import org.marketetl.report.RunReport;

/**
 * One scenario in its own JVM, so its peak heap and RSS are the function's own. Argument 1: the
 * {@link Scenario} as JSON. Starts the simulator in a further JVM ({@link SimulatorProcess}),
 * gives the run a fresh warehouse, invokes the function (again with the same run id while the run
 * answers workLeft, as the state machine does, when the scenario cuts invocations short) and prints
 * the report's summary lines, then one line {@code BENCHMARK-RESULT {...}} that {@link Benchmark}
 * collects.
 */
public final class BenchmarkScenario {

    static final String RESULT_PREFIX = "BENCHMARK-RESULT ";

    private BenchmarkScenario() {
    }

    public static void main(String[] args) {
        try {
            run(Json.MAPPER.readValue(args[0], Scenario.class));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the function's threads would keep this JVM alive
        }
        System.exit(0);
    }

    private static void run(Scenario scenario) throws Exception {
        Path warehouse = freshWarehouse(scenario);
        try (SimulatorProcess simulator = SimulatorProcess.start(scenario, BenchmarkPlan.DIRECTORY)) {
            MemoryWatch memory = MemoryWatch.start();
            FunctionConfig.apply(scenario, simulator, warehouse);
            Invocations invocations = invoke(scenario);
            RunReport report = invocations.last();
            MemoryWatch.Peaks peaks = memory.stop();
            long[] served = simulator.stop();
            ScenarioResult result = ScenarioResult.of(scenario, report, served[0], served[1], served[2], served[3], peaks,
                    invocations.continuationOverheadsMs());
            report.summaryLines().forEach(System.out::println);
            System.out.println(RESULT_PREFIX + Json.write(result));
        }
    }

    /**
     * The run: one invocation, or as many as it takes. What a continuation adds is measured as the
     * invocation's wall time (here, around the call) less the time its two phases worked (from the
     * growth of the run's phase times): the lock, ledger reads and records, the plan window, the
     * continuation's own reckoning. The first invocation also starts Quarkus, so it is no continuation.
     */
    private static Invocations invoke(Scenario scenario) throws Exception {
        List<RunReport> reports = new ArrayList<>();
        List<Long> overheads = new ArrayList<>();
        long phasesBefore = 0;
        RunReport report;
        do {
            long start = System.nanoTime();
            report = InProcessFunction.invoke(scenario.runRequest());
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            long phases = report.phases().stream().mapToLong(PhaseReport::ms).sum();
            if (!reports.isEmpty()) {
                overheads.add(wallMs - (phases - phasesBefore));
            }
            phasesBefore = phases;
            reports.add(report);
            System.out.printf("invocation %d: %s in %d ms, workLeft %s%n", reports.size(), report.status(), wallMs,
                    report.workLeft());
        } while (report.workLeft() && reports.size() < MAX_INVOCATIONS);
        return new Invocations(reports, overheads);
    }

    /** A bound, as the state machine's: a run that does not finish in this many is reported as it is. */
    private static final int MAX_INVOCATIONS = 100;

    /** The run's answers, one per invocation, and what each continuation added. */
    private record Invocations(List<RunReport> reports, List<Long> continuationOverheadsMs) {
        RunReport last() {
            return reports.get(reports.size() - 1);
        }
    }

    /** Deletes the scenario's DuckDB file (and its WAL), then copies the template there if any. */
    private static Path freshWarehouse(Scenario scenario) throws IOException, SQLException {
        Path warehouse = Path.of(scenario.warehouse()).toAbsolutePath();
        Files.createDirectories(warehouse.getParent());
        Files.deleteIfExists(warehouse);
        Files.deleteIfExists(wal(warehouse));
        if (scenario.template() != null) {
            Path template = Path.of(scenario.template()).toAbsolutePath();
            Files.copy(template, warehouse, StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(wal(template))) {
                Files.copy(wal(template), wal(warehouse), StandardCopyOption.REPLACE_EXISTING);
            }
            forgetPlanWindow(warehouse);
        }
        return warehouse;
    }

    /**
     * Clears the calls the preparation recorded for the next invocation (it ran at a faster rate
     * moments ago): each scenario has a simulator of its own, a fresh API key whose window is empty,
     * and the run would otherwise wait for calls that key never saw.
     */
    private static void forgetPlanWindow(Path warehouse) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE MARKET_DATA_CALLS SET CALLS = 0, LAST_CALL_AT = NULL, RECORDED_BY = NULL");
        }
    }

    private static Path wal(Path duckdbFile) {
        return duckdbFile.resolveSibling(duckdbFile.getFileName() + ".wal");
    }
}
