package org.marketetl.run;

/** How much a run fetches and recomputes. */
public enum Mode {
    /** Fetch only what is new since the last load; recompute only what changed. The default. */
    INCREMENTAL("incremental"),
    /** Fetch the full history (from a start date, default the configured years back). */
    BACKFILL("backfill"),
    /** Fetch the full history and recompute every derived row. */
    FULL_REFRESH("full-refresh");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Mode fromId(String id) {
        for (Mode mode : values()) {
            if (mode.id.equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
