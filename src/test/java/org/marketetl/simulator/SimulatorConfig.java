package org.marketetl.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Start-up settings of an {@link FmpSimulator}. Everything has a deterministic default so two
 * simulators built from {@code SimulatorConfig.defaults()} serve byte-identical data.
 *
 * @param apiKey             the only key accepted in the {@code apikey} query parameter
 * @param port               port to bind on 127.0.0.1; 0 picks a free one
 * @param asOf               last trading day served (prices after it and filings after it are hidden)
 * @param yearsOfHistory     how far back {@code historical-price-eod/full} goes from {@code asOf}: the
 *                           plan's depth (FMP Basic and Starter: 5 years); settable while running
 * @param statementQuarters  most quarters a statement endpoint returns (FMP gives the filed history)
 * @param latency            added to every request before it is answered
 * @param rateLimitPerMinute calls allowed per sliding window; 0 means unlimited
 * @param rateLimitWindow    the sliding window (one minute, like FMP; shorter only to speed up tests)
 * @param faultSeed          seed of the random draws behind rate-based faults (5xx, timeouts)
 * @param universe           symbols listed by {@code eod-bulk}; with {@code acceptAnySymbol=false}
 *                           also the only symbols that have data
 * @param acceptAnySymbol    when true any well-formed symbol has data, so tests can invent universes
 * @param splits             stock splits; a symbol listed here has exactly these, others keep the
 *                           built-in ones of {@link SplitSchedule} (a few well-known tickers)
 * @param marketSize         symbols in the whole market the symbol lists and bulk endpoints serve:
 *                           the universe, the delisted symbols and as many more generated ones
 *                           ({@link Market}); 0 for the universe and delisted symbols alone
 * @param delisted           symbols delisted on a day: their data ends there; listed by
 *                           {@code delisted-companies} and part of the market
 * @param bulkEndpoints      whether the plan has the bulk endpoints; without, they answer 402
 *                           "Restricted Endpoint"
 * @param bulkBytesPerSecond the rate bulk bodies are sent at (their transfer time is in proportion to
 *                           their rows); 0 for as fast as the socket takes them
 */
public record SimulatorConfig(
        String apiKey,
        int port,
        LocalDate asOf,
        int yearsOfHistory,
        int statementQuarters,
        Duration latency,
        int rateLimitPerMinute,
        Duration rateLimitWindow,
        long faultSeed,
        List<String> universe,
        boolean acceptAnySymbol,
        List<SplitEvent> splits,
        int marketSize,
        List<Delisting> delisted,
        boolean bulkEndpoints,
        long bulkBytesPerSecond) {

    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 24);
    public static final String DEFAULT_API_KEY = "sim-test-key";

    /** A small fixed universe so {@code eod-bulk} has something to list by default. */
    public static final List<String> DEFAULT_UNIVERSE = List.of(
            "AAPL", "MSFT", "GOOGL", "AMZN", "META", "NVDA", "TSLA", "JPM", "V", "JNJ",
            "WMT", "PG", "XOM", "UNH", "HD", "KO", "PEP", "MRK", "ABBV", "CVX",
            "BAC", "COST", "DIS", "CSCO", "ORCL", "INTC", "NKE", "MCD", "IBM", "ADBE");

    public SimulatorConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
        universe = List.copyOf(Objects.requireNonNull(universe, "universe"));
        splits = List.copyOf(Objects.requireNonNull(splits, "splits"));
        delisted = List.copyOf(Objects.requireNonNull(delisted, "delisted"));
        if (marketSize < 0) throw new IllegalArgumentException("marketSize must be >= 0");
        if (bulkBytesPerSecond < 0) throw new IllegalArgumentException("bulkBytesPerSecond must be >= 0");
        if (yearsOfHistory < 1) throw new IllegalArgumentException("yearsOfHistory must be >= 1");
        if (statementQuarters < 1) throw new IllegalArgumentException("statementQuarters must be >= 1");
        if (rateLimitPerMinute < 0) throw new IllegalArgumentException("rateLimitPerMinute must be >= 0");
        if (latency.isNegative()) throw new IllegalArgumentException("latency must be >= 0");
    }

    public static SimulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .apiKey(apiKey).port(port).asOf(asOf).yearsOfHistory(yearsOfHistory)
                .statementQuarters(statementQuarters).latency(latency)
                .rateLimitPerMinute(rateLimitPerMinute).rateLimitWindow(rateLimitWindow)
                .faultSeed(faultSeed).universe(universe).acceptAnySymbol(acceptAnySymbol).splits(splits)
                .marketSize(marketSize).delisted(delisted).bulkEndpoints(bulkEndpoints)
                .bulkBytesPerSecond(bulkBytesPerSecond);
    }

    public SimulatorConfig withApiKey(String v) { return toBuilder().apiKey(v).build(); }
    public SimulatorConfig withAsOf(LocalDate v) { return toBuilder().asOf(v).build(); }
    public SimulatorConfig withLatency(Duration v) { return toBuilder().latency(v).build(); }
    public SimulatorConfig withRateLimitPerMinute(int v) { return toBuilder().rateLimitPerMinute(v).build(); }
    public SimulatorConfig withUniverse(List<String> v) { return toBuilder().universe(v).build(); }
    public SimulatorConfig withSplits(List<SplitEvent> v) { return toBuilder().splits(v).build(); }

    public static final class Builder {
        private String apiKey = DEFAULT_API_KEY;
        private int port = 0;
        private LocalDate asOf = DEFAULT_AS_OF;
        private int yearsOfHistory = 5;
        private int statementQuarters = 24;
        private Duration latency = Duration.ZERO;
        private int rateLimitPerMinute = 0;
        private Duration rateLimitWindow = Duration.ofMinutes(1);
        private long faultSeed = 42L;
        private List<String> universe = DEFAULT_UNIVERSE;
        private boolean acceptAnySymbol = true;
        private List<SplitEvent> splits = List.of();
        private int marketSize = 0;
        private List<Delisting> delisted = List.of();
        private boolean bulkEndpoints = true;
        private long bulkBytesPerSecond = 0;

        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder asOf(LocalDate v) { asOf = v; return this; }
        public Builder yearsOfHistory(int v) { yearsOfHistory = v; return this; }
        public Builder statementQuarters(int v) { statementQuarters = v; return this; }
        public Builder latency(Duration v) { latency = v; return this; }
        public Builder rateLimitPerMinute(int v) { rateLimitPerMinute = v; return this; }
        public Builder rateLimitWindow(Duration v) { rateLimitWindow = v; return this; }
        public Builder faultSeed(long v) { faultSeed = v; return this; }
        public Builder universe(List<String> v) { universe = v; return this; }
        public Builder acceptAnySymbol(boolean v) { acceptAnySymbol = v; return this; }
        public Builder splits(List<SplitEvent> v) { splits = v; return this; }
        public Builder marketSize(int v) { marketSize = v; return this; }
        public Builder delisted(List<Delisting> v) { delisted = v; return this; }
        public Builder bulkEndpoints(boolean v) { bulkEndpoints = v; return this; }
        public Builder bulkBytesPerSecond(long v) { bulkBytesPerSecond = v; return this; }

        public SimulatorConfig build() {
            return new SimulatorConfig(apiKey, port, asOf, yearsOfHistory, statementQuarters, latency,
                    rateLimitPerMinute, rateLimitWindow, faultSeed, universe, acceptAnySymbol, splits, marketSize,
                    delisted, bulkEndpoints, bulkBytesPerSecond);
        }
    }
}
