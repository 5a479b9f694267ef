package org.marketetl.config;

import java.util.Locale;

/**
 * FMP's subscription plans, as far as a run needs to know them: how many calls a minute, how many
 * years of history the API serves, and whether the bulk endpoints ({@code profile-bulk},
 * {@code *-statement-bulk}, {@code eod-bulk}) are in the plan. The configured plan is what a run
 * assumes; the API confirms it: a bulk endpoint that answers 402 is remembered as refused for this
 * plan (table PLAN_REFUSAL), and the run fetches per symbol instead.
 *
 * <p>Basic is FMP's free plan: 250 calls <em>a day</em>. The limiter counts per minute, so it keeps
 * Basic at 250 a minute and FMP refuses (429) what goes beyond the day's 250.
 */
public enum FmpPlan {
    BASIC(250, 5, false),
    STARTER(300, 5, false),
    PREMIUM(750, 30, false),
    ULTIMATE(3000, 30, true);

    private final int callsPerMinute;
    private final int historyYears;
    private final boolean bulk;

    FmpPlan(int callsPerMinute, int historyYears, boolean bulk) {
        this.callsPerMinute = callsPerMinute;
        this.historyYears = historyYears;
        this.bulk = bulk;
    }

    /** The plan's calls per minute, the default of {@code market-etl.market-data.calls-per-minute}. */
    public int callsPerMinute() {
        return callsPerMinute;
    }

    /** Years of history the plan serves: a backfill never asks for older days than this. */
    public int historyYears() {
        return historyYears;
    }

    /** Whether the plan has the bulk endpoints. */
    public boolean bulk() {
        return bulk;
    }

    /** The name used in configuration, reports and the warehouse: {@code ultimate}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The calls per minute to keep: the configured figure, else the plan's. */
    public static int callsPerMinute(MarketDataConfig config) {
        return config.callsPerMinute().orElse(config.plan().callsPerMinute());
    }

    /** Whether daily runs use {@code eod-bulk}: as configured, else when the plan has bulk endpoints. */
    public static boolean bulkEod(MarketDataConfig config) {
        return config.bulkEod().orElse(config.plan().bulk());
    }
}
