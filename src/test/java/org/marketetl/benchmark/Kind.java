package org.marketetl.benchmark;

/** The two workloads of issue 5. */
public enum Kind {
    /** Warehouse current up to yesterday; one new trading day, profiles and statements fresh. */
    DAILY("daily"),
    /** Empty warehouse, five years of history. */
    BACKFILL("backfill");

    private final String id;

    Kind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
