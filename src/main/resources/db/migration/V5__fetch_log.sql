-- When we last asked FMP for a symbol's data set ('profile', 'statements'), so incremental runs
-- skip what cannot have changed. Append-only (one INSERT batch per run and data set); readers take
-- the latest row per symbol. Kept apart from the raw tables, which change only when data changes.

CREATE TABLE IF NOT EXISTS MARKET_DATA_FETCH (
    SYMBOL     VARCHAR(16)  NOT NULL,
    DATASET    VARCHAR(16)  NOT NULL,
    FETCHED_AT TIMESTAMP    NOT NULL
);
