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
        scenario.shape().marketDataProperties()
                .forEach((name, value) -> System.setProperty(MARKET_DATA + name, value));
    }
}
