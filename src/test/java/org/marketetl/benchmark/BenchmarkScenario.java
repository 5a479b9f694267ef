package org.marketetl.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.marketetl.run.RunReport;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;

/**
 * One scenario in its own JVM, so its peak heap and RSS are its own. Argument 1: the
 * {@link Scenario} as JSON. Starts the simulator, gives the run a fresh warehouse, invokes the
 * function once and prints the report's summary lines, then one line
 * {@code BENCHMARK-RESULT {...}} that {@link Benchmark} collects.
 */
public final class BenchmarkScenario {

    static final String RESULT_PREFIX = "BENCHMARK-RESULT ";

    private BenchmarkScenario() {
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = Json.MAPPER.readValue(args[0], Scenario.class);
        MemoryWatch memory = MemoryWatch.start();
        Path warehouse = freshWarehouse(scenario);
        SimulatorConfig simulatorConfig = SimulatorConfig.builder().asOf(scenario.asOf())
                .latency(Duration.ofMillis(scenario.latencyMs())).rateLimitPerMinute(scenario.callsPerMinute())
                .acceptAnySymbol(true).universe(scenario.symbolList()).build();
        try (FmpSimulator simulator = FmpSimulator.start(simulatorConfig)) {
            FunctionConfig.apply(scenario, simulator, warehouse);
            RunReport report = InProcessFunction.invoke(scenario.runRequest());
            ScenarioResult result = ScenarioResult.of(scenario, report, simulator.totalRequests(),
                    simulator.throttledResponses(), memory.stop());
            report.summaryLines().forEach(System.out::println);
            System.out.println(RESULT_PREFIX + Json.write(result));
        }
        System.exit(0);
    }

    /** Deletes the scenario's DuckDB file (and its WAL), then copies the template there if any. */
    private static Path freshWarehouse(Scenario scenario) throws IOException {
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
        }
        return warehouse;
    }

    private static Path wal(Path duckdbFile) {
        return duckdbFile.resolveSibling(duckdbFile.getFileName() + ".wal");
    }
}
