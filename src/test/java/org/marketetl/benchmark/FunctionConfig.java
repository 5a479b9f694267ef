package org.marketetl.benchmark;

import java.nio.file.Path;

/**
 * Configures the function for a scenario the way {@code LocalRun} does: system properties read by
 * Quarkus when the handler starts it.
 */
final class FunctionConfig {

    private static final String MARKET_DATA = "market-etl.market-data.";

    private FunctionConfig() {
    }

    static void apply(Scenario scenario, SimulatorProcess simulator, Path warehouse) {
        System.setProperty("quarkus.profile", "local");
        System.setProperty("quarkus.rest-client.fmp.url", simulator.baseUrl());
        System.setProperty(MARKET_DATA + "api-key", simulator.apiKey());
        System.setProperty(MARKET_DATA + "calls-per-minute", String.valueOf(scenario.callsPerMinute()));
        System.setProperty("market-etl.run.as-of", scenario.asOf().toString());
        System.setProperty("quarkus.datasource.duckdb.jdbc.url", "jdbc:duckdb:" + warehouse);
        // Stage files beside the warehouse, not in the shared /tmp: on a shared machine another
        // build's run may clear market-etl-* files there that lie still longer than a lock expiry
        // (seen in issue 19's first 5,000-symbol run: the balance-sheet stage file vanished).
        System.setProperty("market-etl.warehouse.stage-directory", warehouse.toAbsolutePath().getParent().toString());
        scenario.shape().marketDataProperties()
                .forEach((name, value) -> System.setProperty(MARKET_DATA + name, value));
        scenario.planProperties().forEach((name, value) -> System.setProperty(MARKET_DATA + name, value));
        if (scenario.maxDurationSeconds() > 0) {
            // Invocations cut short, continued as the state machine continues them. The reserve is
            // small: at this scenario's rate a symbol never waits for the plan's window.
            System.setProperty("market-etl.run.max-duration", "PT" + scenario.maxDurationSeconds() + "S");
            System.setProperty("market-etl.run.deadline-reserve", "PT5S");
        }
    }
}
