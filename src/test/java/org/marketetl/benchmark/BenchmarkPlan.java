package org.marketetl.benchmark;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.marketetl.simulator.SimulatorConfig;

/**
 * The scenarios of issue 5, in the order they run, from system properties:
 * {@code benchmark.sizes} (default {@code 50,500}), {@code benchmark.original-sizes} (sizes also
 * measured in the original shape, default all), {@code benchmark.large} (the 5,000-symbol
 * backfill under {@code -Xmx512m}, default off), {@code benchmark.continued} (the same backfill
 * with each invocation cut at {@value #CONTINUED_INVOCATION_SECONDS} s, so it is continued over
 * several invocations as the state machine continues it; default off); {@code benchmark.splits-only}
 * measures only the plain daily run (ours) and the daily run with splits, per size.
 *
 * <p>A daily scenario needs a warehouse current up to yesterday. It is prepared once per size by
 * an unmeasured backfill at {@code asOf = D-1} in a child of its own, at a high rate limit (the
 * preparation's speed is not a figure); every daily scenario then starts from a copy of that file,
 * so ours and the original start from the same state, with the simulator at {@code asOf = D}.
 *
 * <p>{@code daily-splits-N-ours} (issue 13) is the daily run with five of the symbols splitting on
 * D (10:1, 1:10, 1239:1000, 3:2, 2:1): its own preparation runs with the same splits configured,
 * so the warehouse holds their history on the pre-split basis FMP served on D-1.
 *
 * <p>{@code benchmark.bulk} (issue 19): each fetch strategy side by side with today's (everything
 * per symbol) in one run, over a simulated market of {@value #MARKET_SIZE} securities whose bulk
 * bodies go at {@value #BULK_BYTES_PER_SECOND} bytes/s each: the 5,000-symbol backfill on Ultimate
 * (3,000 calls/min, bulk endpoints, {@code -Xmx512m}), its tables compared with today's fingerprint
 * for fingerprint; the 500-symbol backfill on Premium (750 calls/min, no bulk); the daily run of 500.
 * Both backfills' universes hold the five {@link #BULK_SPLITS}.
 */
record BenchmarkPlan(List<Integer> sizes, List<Integer> originalSizes, boolean large, boolean continued,
        boolean splitsOnly, boolean bulk) {

    /** D: the simulator's default trading day (a Tuesday); D-1 is a trading day too. */
    static final LocalDate DAY = SimulatorConfig.DEFAULT_AS_OF;
    static final int LATENCY_MS = 100;
    static final int CALLS_PER_MINUTE = 750;
    /** Preparation and the 5,000-symbol backfill: at 750 calls/min the latter would take ~33 minutes. */
    static final int FAST_CALLS_PER_MINUTE = 30_000;
    static final int LARGE_SYMBOLS = 5_000;
    static final String LARGE_MAX_HEAP = "512m";
    static final Path DIRECTORY = Path.of("target", "benchmark");
    /** Each invocation of the continued backfill: long enough to load something, short enough to need several. */
    static final int CONTINUED_INVOCATION_SECONDS = 30;
    /** Issue 19: securities in the simulated market (FMP lists some 60,000 without crypto and forex). */
    static final int MARKET_SIZE = 60_000;
    /**
     * Issue 19: the rate of each bulk body. FMP's profile-bulk parts came at about 150 KB/s live (30
     * MB in 202 s); its statement and eod-bulk files download faster. 2 MB/s each body, however many
     * go at once (by default four statement periods of three files: twelve).
     */
    static final long BULK_BYTES_PER_SECOND = 2_000_000;
    static final int ULTIMATE_CALLS_PER_MINUTE = 3_000;
    /** The splits of the daily-splits scenario, on D, of the first five symbols. */
    static final List<String> SPLITS_ON_D = List.of("S0001:" + DAY + ":10:1", "S0002:" + DAY + ":1:10",
            "S0003:" + DAY + ":1239:1000", "S0004:" + DAY + ":3:2", "S0005:" + DAY + ":2:1");

    /**
     * Issue 19: splits in the history of the bulk scenarios' universes (forward, reverse, odd; the
     * last before the five years of prices and the quarters kept), so SPLIT and the split-adjusted
     * tables compare the splits calendar's chunks with per-symbol {@code splits}, not two empty tables.
     */
    static final List<String> BULK_SPLITS = List.of("S0001:2022-06-06:20:1", "S0002:2024-06-10:10:1",
            "S0003:2023-03-01:1:10", "S0004:2025-08-29:3:2", "S0005:2019-08-30:4:1");

    /** One child run; preparations are not measured. */
    record Run(Scenario scenario, boolean measured) {
    }

    static BenchmarkPlan fromSystemProperties() {
        List<Integer> sizes = ints(System.getProperty("benchmark.sizes", "50,500"));
        String original = System.getProperty("benchmark.original-sizes", "");
        return new BenchmarkPlan(sizes, original.isBlank() ? sizes : ints(original),
                Boolean.parseBoolean(System.getProperty("benchmark.large", "false")),
                Boolean.parseBoolean(System.getProperty("benchmark.continued", "false")),
                Boolean.parseBoolean(System.getProperty("benchmark.splits-only", "false")),
                Boolean.parseBoolean(System.getProperty("benchmark.bulk", "false")));
    }

    List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (int size : sizes) {
            Scenario preparation = scenario("prepare-daily-" + size, Kind.BACKFILL, Shape.OURS, size,
                    FAST_CALLS_PER_MINUTE, DAY.minusDays(1), null, null, List.of());
            runs.add(new Run(preparation, false));
            for (Kind kind : splitsOnly ? List.of(Kind.DAILY) : List.of(Kind.values())) {
                String template = kind == Kind.DAILY ? preparation.warehouse() : null;
                runs.add(new Run(measured(kind, Shape.OURS, size, CALLS_PER_MINUTE, null, template), true));
                if (originalSizes.contains(size) && !splitsOnly) {
                    runs.add(new Run(measured(kind, Shape.ORIGINAL, size, CALLS_PER_MINUTE, null, template), true));
                }
            }
            if (size >= SPLITS_ON_D.size()) {
                Scenario withSplits = scenario("prepare-daily-splits-" + size, Kind.BACKFILL, Shape.OURS, size,
                        FAST_CALLS_PER_MINUTE, DAY.minusDays(1), null, null, SPLITS_ON_D);
                runs.add(new Run(withSplits, false));
                runs.add(new Run(scenario("daily-splits-" + size + "-ours", Kind.DAILY, Shape.OURS, size,
                        CALLS_PER_MINUTE, DAY, null, withSplits.warehouse(), SPLITS_ON_D), true));
            }
        }
        if (large) {
            runs.add(new Run(measured(Kind.BACKFILL, Shape.OURS, LARGE_SYMBOLS, FAST_CALLS_PER_MINUTE, LARGE_MAX_HEAP,
                    null), true));
        }
        if (bulk) {
            runs.addAll(bulkRuns());
        }
        if (continued) {
            String name = Kind.BACKFILL.id() + "-" + LARGE_SYMBOLS + "-continued";
            runs.add(new Run(new Scenario(name, Kind.BACKFILL, Shape.OURS, LARGE_SYMBOLS, LATENCY_MS,
                    FAST_CALLS_PER_MINUTE, DAY, LARGE_MAX_HEAP, DIRECTORY.resolve(name + ".duckdb").toString(), null,
                    List.of(), CONTINUED_INVOCATION_SECONDS), true));
        }
        return runs;
    }

    /** Issue 19's scenarios: each strategy beside today's, then the daily run. */
    private static List<Run> bulkRuns() {
        List<Run> runs = new ArrayList<>();
        Scenario.Market ultimate = new Scenario.Market("ultimate", MARKET_SIZE, BULK_BYTES_PER_SECOND, true);
        Scenario.Market premium = new Scenario.Market("premium", MARKET_SIZE, BULK_BYTES_PER_SECOND, true);
        runs.add(new Run(withMarket("backfill-5000-ultimate", Shape.OURS, LARGE_SYMBOLS, ULTIMATE_CALLS_PER_MINUTE,
                LARGE_MAX_HEAP, ultimate), true));
        runs.add(new Run(withMarket("backfill-5000-ultimate-today", Shape.TODAY, LARGE_SYMBOLS,
                ULTIMATE_CALLS_PER_MINUTE, LARGE_MAX_HEAP, ultimate), true));
        runs.add(new Run(withMarket("backfill-500-premium", Shape.OURS, 500, CALLS_PER_MINUTE, null, premium), true));
        runs.add(new Run(withMarket("backfill-500-premium-today", Shape.TODAY, 500, CALLS_PER_MINUTE, null, premium),
                true));
        Scenario preparation = scenario("prepare-daily-500-bulk", Kind.BACKFILL, Shape.OURS, 500,
                FAST_CALLS_PER_MINUTE, DAY.minusDays(1), null, null, List.of());
        runs.add(new Run(preparation, false));
        runs.add(new Run(scenario("daily-500-premium", Kind.DAILY, Shape.OURS, 500, CALLS_PER_MINUTE, DAY, null,
                preparation.warehouse(), List.of()), true));
        return runs;
    }

    private static Scenario withMarket(String name, Shape shape, int size, int callsPerMinute, String maxHeap,
            Scenario.Market market) {
        return new Scenario(name, Kind.BACKFILL, shape, size, LATENCY_MS, callsPerMinute, DAY, maxHeap,
                DIRECTORY.resolve(name + ".duckdb").toString(), null, BULK_SPLITS, 0, market);
    }

    private static Scenario measured(Kind kind, Shape shape, int size, int callsPerMinute, String maxHeap,
            String template) {
        String name = kind.id() + "-" + size + "-" + shape.id();
        return scenario(name, kind, shape, size, callsPerMinute, DAY, maxHeap, template, List.of());
    }

    private static Scenario scenario(String name, Kind kind, Shape shape, int size, int callsPerMinute,
            LocalDate asOf, String maxHeap, String template, List<String> splits) {
        String warehouse = DIRECTORY.resolve(name + ".duckdb").toString();
        return new Scenario(name, kind, shape, size, LATENCY_MS, callsPerMinute, asOf, maxHeap, warehouse, template,
                splits, 0);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .toList();
    }
}
