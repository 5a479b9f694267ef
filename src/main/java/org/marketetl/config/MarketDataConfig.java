package org.marketetl.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The FMP plan and how hard we use it. The base URL lives in {@code quarkus.rest-client.fmp.url}.
 */
@ConfigMapping(prefix = "market-etl.market-data")
public interface MarketDataConfig {

    /**
     * The FMP API key. Travels as the {@code apikey} query parameter; never logged. Optional because
     * the API function, built from the same artifact, never calls FMP and is not given the key; a
     * run without one fails its market-data steps with a message saying so.
     */
    java.util.Optional<String> apiKey();

    /**
     * Calls per minute of the FMP plan (Starter 300, Premium 750, Ultimate 3000), shared by all ETLs
     * and by consecutive invocations; 0 means no limit.
     */
    @WithDefault("750")
    int callsPerMinute();

    /**
     * The window the plan's calls are counted in: FMP's minute. No window, wherever it starts,
     * holds more than {@link #callsPerMinute()} calls. Shorter only to make tests fast.
     */
    @WithDefault("PT1M")
    Duration rateWindow();

    /**
     * Added to {@link #rateWindow()} when counting: calls are booked when sent and counted by FMP
     * when they arrive, and this absorbs the spread of that delay (see {@code RateLimiter}).
     */
    @WithDefault("PT1S")
    Duration rateWindowMargin();

    /** Requests in flight at once across all ETLs; enough to keep the rate limit busy at the API's latency. */
    @WithDefault("32")
    int maxConcurrency();

    /** Quarters of each statement a first load fetches (6 years covers TTM and four-quarter averages). */
    @WithDefault("24")
    int statementQuarters();

    /**
     * A company profile is fetched again only when the last fetch is older than this: profiles
     * change rarely. {@code PT0S} fetches every run.
     */
    @WithDefault("PT24H")
    Duration profileMaxAge();

    /**
     * While a new quarter can be due (its quarter has ended and its filing window opened), an
     * incremental run asks for statements again at most this often per symbol.
     */
    @WithDefault("PT20H")
    Duration statementRecheck();

    /**
     * Fetch the recent trading days of many symbols with one {@code eod-bulk?date=} request per
     * day instead of one request per symbol. Needs an FMP plan with bulk endpoints; a plan
     * without them answers "Exclusive Endpoint" and the run falls back to per-symbol requests.
     */
    @WithDefault("false")
    boolean bulkEod();
}
