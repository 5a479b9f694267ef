package org.marketetl.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

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
     * The FMP plan: {@code basic}, {@code starter}, {@code premium} or {@code ultimate}. It gives the
     * default calls per minute, the years of history a backfill may ask for, and whether the bulk
     * endpoints may be tried ({@link FmpPlan}). A bulk endpoint the API refuses (402) is remembered
     * for this plan in the warehouse and not asked again until this setting changes.
     */
    @WithDefault("premium")
    FmpPlan plan();

    /**
     * Calls per minute, shared by all ETLs and by consecutive invocations; 0 means no limit. Default:
     * the plan's (Basic 250, Starter 300, Premium 750, Ultimate 3000).
     */
    OptionalInt callsPerMinute();

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
     * day instead of one request per symbol (daily runs). Default: whether the plan has bulk
     * endpoints. A plan without them answers 402; the run then falls back to per-symbol requests
     * and remembers the refusal.
     */
    Optional<Boolean> bulkEod();

    /** The bulk endpoints and the splits calendar: when they pay, and how long they may take. */
    Bulk bulk();

    /** Settings of the bulk strategy. */
    interface Bulk {

        /**
         * How many bytes of transfer weigh as much as one call when a step chooses between
         * per-symbol and bulk requests: cost = calls + bytes / this. FMP limits calls per minute and
         * bandwidth over a trailing 30 days; raise it when bandwidth is plentiful (bulk pays sooner),
         * lower it when the month's bandwidth is tight. At 64 KB bulk profiles pay from 1,773
         * symbols, six years of bulk statements from 2,786 and five years of {@code eod-bulk} price
         * history from 26,000 (some 30% of the market).
         */
        @WithDefault("65536")
        long bytesPerCall();

        /**
         * Days one {@code splits-calendar} request covers when a first load reads the splits of many
         * symbols from the calendar (FMP does not document the calendar's range limit). A chunk the
         * API refuses makes the run ask {@code splits?symbol=} per symbol instead.
         */
        @WithDefault("90")
        int splitsCalendarDays();

        /**
         * Days one {@code dividends-calendar} request covers when a first load reads the dividend
         * histories of many symbols from the calendar in chunks (FMP does not document the
         * calendar's range limit; 90 days is the span it answers when asked without {@code to}, so
         * one it serves). A chunk that cannot be read makes those symbols ask
         * {@code dividends?symbol=} instead.
         */
        @WithDefault("90")
        int dividendsCalendarDays();

        /**
         * The longest one bulk request may take, body included: a {@code profile-bulk} part (~30 MB)
         * took 202 s live. A request cut by it is retried.
         */
        @WithDefault("PT10M")
        Duration timeout();

        /**
         * A bulk answer that sends nothing for this long is cut and retried: a stalled connection,
         * told apart from a slow one, which keeps sending.
         */
        @WithDefault("PT60S")
        Duration idleTimeout();

        /**
         * {@code profile-bulk} parts to ask for (FMP: parts 0 to 3); when the last one still has
         * rows, the next is asked too, until one is empty.
         */
        @WithDefault("4")
        int profileParts();

        /**
         * Bulk units (profile parts, statement periods of three files, days) loaded at once. Each
         * keeps its rows of the run's symbols in memory until it has been read whole (about 20 MB for a
         * statement period of 5,000 symbols), so this bounds the heap the bulk steps need.
         */
        @WithDefault("4")
        int concurrency();
    }
}
