package org.marketetl.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The FMP plan and how hard we use it. The base URL lives in {@code quarkus.rest-client.fmp.url}.
 */
@ConfigMapping(prefix = "market-etl.market-data")
public interface MarketDataConfig {

    /** The FMP API key. Travels as the {@code apikey} query parameter; never logged. */
    String apiKey();

    /** Calls per minute of the FMP plan (Starter 300, Premium 750, Ultimate 3000), shared by all ETLs. */
    @WithDefault("750")
    int callsPerMinute();

    /** Requests in flight at once across all ETLs; enough to keep the rate limit busy at the API's latency. */
    @WithDefault("32")
    int maxConcurrency();

    /** Quarters of each statement a first load fetches (6 years covers TTM and four-quarter averages). */
    @WithDefault("24")
    int statementQuarters();

    /** Longest wait for one extract step before it gives up on the symbols still open. */
    @WithDefault("PT10M")
    Duration stepTimeout();
}
