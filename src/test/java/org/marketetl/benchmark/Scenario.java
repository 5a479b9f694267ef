package org.marketetl.benchmark;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What one child JVM runs: a simulator with this latency and rate limit, serving data up to
 * {@code asOf}; a fresh DuckDB file at {@code warehouse} (a copy of {@code template} when set);
 * one run of the function over {@code symbols} symbols in the {@code shape}'s configuration.
 *
 * @param name           e.g. {@code daily-500-ours}
 * @param kind           daily or backfill
 * @param shape          our configuration or the original-shaped one
 * @param symbols        universe size: symbols S0001, S0002, ...
 * @param latencyMs      the simulator's latency per request
 * @param callsPerMinute the simulator's rate limit, and the function's
 * @param asOf           the simulator's last trading day and the run's business date
 * @param maxHeap        {@code -Xmx} value for the child, e.g. {@code 512m}; null for the JVM default
 * @param warehouse      the DuckDB file the run writes
 * @param template       a prepared DuckDB file copied to {@code warehouse} first; null for an empty one
 * @param splits         splits the simulator serves, as {@code SYMBOL:DATE:NUMERATOR:DENOMINATOR}
 *                       (its {@code --splits} option); empty for none
 * @param maxDurationSeconds the longest one invocation may work ({@code market-etl.run.max-duration});
 *                       the run is then continued as the state machine continues it, invoked again
 *                       with the same run id while it answers workLeft. 0: one invocation, no limit
 * @param market         issue 19: the FMP plan and the simulated market; null for issue 5's defaults
 */
public record Scenario(String name, Kind kind, Shape shape, int symbols, int latencyMs, int callsPerMinute,
        LocalDate asOf, String maxHeap, String warehouse, String template, List<String> splits,
        int maxDurationSeconds, Market market) {

    public Scenario {
        splits = splits == null ? List.of() : List.copyOf(splits);
    }

    /** A scenario of issue 5 (the default plan, the market of its symbols alone). */
    public Scenario(String name, Kind kind, Shape shape, int symbols, int latencyMs, int callsPerMinute, LocalDate asOf,
            String maxHeap, String warehouse, String template, List<String> splits, int maxDurationSeconds) {
        this(name, kind, shape, symbols, latencyMs, callsPerMinute, asOf, maxHeap, warehouse, template, splits,
                maxDurationSeconds, null);
    }

    /**
     * The plan and the market of issue 19's scenarios.
     *
     * @param plan               {@code market-etl.market-data.plan}
     * @param marketSize         securities the simulator's symbol lists and bulk files list (its
     *                           {@code --market-size}); the scenario's symbols are some of them
     * @param bulkBytesPerSecond the rate the simulator sends bulk bodies at (0: as fast as it can)
     * @param fingerprint        compare the tables it loads with another scenario's, fingerprint for fingerprint
     */
    public record Market(String plan, int marketSize, long bulkBytesPerSecond, boolean fingerprint) {
    }

    /** {@code market-etl.market-data.*} properties of the plan, by their name after that prefix. */
    public Map<String, String> planProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (market != null) {
            properties.put("plan", market.plan());
        }
        return properties;
    }

    /** {@code S0001..S0500}: well-formed symbols the simulator serves with {@code acceptAnySymbol}. */
    public List<String> symbolList() {
        return IntStream.rangeClosed(1, symbols).mapToObj(i -> String.format(Locale.ROOT, "S%04d", i)).toList();
    }

    /** The run request: {@code {"runId":...,"mode":...,"symbols":[...]}}. */
    public String runRequest() {
        var request = Json.MAPPER.createObjectNode().put("runId", name).put("mode", shape.mode(kind));
        symbolList().forEach(request.putArray("symbols")::add);
        return request.toString();
    }
}
