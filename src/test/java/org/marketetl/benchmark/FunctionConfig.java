package org.marketetl.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.simulator.FmpSimulator;

/**
 * Configures the function for a scenario the way {@code LocalRun} does: system properties read by
 * Quarkus when the handler starts it. A {@code market-etl.market-data.*} property that this build's
 * {@link MarketDataConfig} does not declare is left out (Quarkus refuses unknown ones, SRCFG00050)
 * and reported, so the figures say which configuration they measured.
 */
final class FunctionConfig {

    private static final String MARKET_DATA = "market-etl.market-data.";

    private FunctionConfig() {
    }

    /** Sets the properties; answers the shape's properties this build does not know. */
    static List<String> apply(Scenario scenario, FmpSimulator simulator, Path warehouse) {
        System.setProperty("quarkus.profile", "local");
        System.setProperty("quarkus.rest-client.fmp.url", simulator.baseUrl());
        System.setProperty(MARKET_DATA + "api-key", simulator.apiKey());
        System.setProperty(MARKET_DATA + "calls-per-minute", String.valueOf(scenario.callsPerMinute()));
        System.setProperty("market-etl.run.as-of", scenario.asOf().toString());
        System.setProperty("quarkus.datasource.duckdb.jdbc.url", "jdbc:duckdb:" + warehouse);
        List<String> omitted = new ArrayList<>();
        for (Map.Entry<String, String> property : scenario.shape().marketDataProperties().entrySet()) {
            if (declared(property.getKey())) {
                System.setProperty(MARKET_DATA + property.getKey(), property.getValue());
            } else {
                omitted.add(MARKET_DATA + property.getKey());
            }
        }
        return omitted;
    }

    /** Whether {@link MarketDataConfig} has the property: {@code bulk-eod} is {@code bulkEod()}. */
    static boolean declared(String kebabName) {
        String[] words = kebabName.split("-");
        StringBuilder method = new StringBuilder(words[0]);
        for (String word : Arrays.copyOfRange(words, 1, words.length)) {
            method.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return Arrays.stream(MarketDataConfig.class.getMethods()).anyMatch(m -> m.getName().contentEquals(method));
    }
}
