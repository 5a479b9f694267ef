package org.marketetl.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function's configuration under test. {@link #ORIGINAL} is shaped like the Python pipeline
 * this project replaces: one request at a time per ETL, full history every run, no bulk endpoint,
 * no profile cache. {@link #TODAY} is ours as it fetched before issue 19: every data set per
 * symbol, whatever the plan (bytes made so dear that no bulk request or calendar chunk pays).
 */
public enum Shape {
    OURS("ours", 64, true, null),
    ORIGINAL("original", 1, false, "PT0S"),
    TODAY("today", 64, true, null);

    private final String id;
    private final int maxConcurrency;
    private final boolean bulkEod;
    private final String profileMaxAge;

    Shape(String id, int maxConcurrency, boolean bulkEod, String profileMaxAge) {
        this.id = id;
        this.maxConcurrency = maxConcurrency;
        this.bulkEod = bulkEod;
        this.profileMaxAge = profileMaxAge;
    }

    public String id() {
        return id;
    }

    /** The run request's mode: ours fetches only what is new; the original fetched everything. */
    public String mode(Kind kind) {
        if (this == ORIGINAL) {
            return "full-refresh";
        }
        return kind == Kind.DAILY ? "incremental" : "backfill";
    }

    /** {@code market-etl.market-data.*} properties, by their name after that prefix. */
    public Map<String, String> marketDataProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("max-concurrency", String.valueOf(maxConcurrency));
        properties.put("bulk-eod", String.valueOf(bulkEod));
        if (profileMaxAge != null) {
            properties.put("profile-max-age", profileMaxAge);
        }
        if (this == TODAY) {
            properties.put("bulk.bytes-per-call", "1");
        }
        return properties;
    }
}
