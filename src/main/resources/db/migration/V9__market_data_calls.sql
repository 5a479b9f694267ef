-- The FMP plan's current window across invocations (issue 14): the rate limit is per API key, so a
-- run continued by a fresh process counts the calls its predecessor made in the last minute.
-- One row; a run reads it before its first call and overwrites it at its end
-- (org/marketetl/bookkeeping/plan-window-*.sql). CALLS were made at or before LAST_CALL_AT (UTC);
-- RECORDED_BY names the limiter instance that made them, so a warm process does not count its
-- own calls twice.

CREATE TABLE IF NOT EXISTS MARKET_DATA_CALLS (
    PLAN_KEY     VARCHAR(16)   NOT NULL PRIMARY KEY,
    CALLS        DECIMAL(38,0) NOT NULL,
    LAST_CALL_AT TIMESTAMP,
    RECORDED_BY  VARCHAR(64),
    RECORDED_AT  TIMESTAMP
);

-- Seeded here, so recording is an UPDATE of an existing row: one statement, no INSERT race.
INSERT INTO MARKET_DATA_CALLS (PLAN_KEY, CALLS)
SELECT 'fmp', 0 WHERE NOT EXISTS (SELECT 1 FROM MARKET_DATA_CALLS WHERE PLAN_KEY = 'fmp');
