-- The run lock: one row per lock (only 'pipeline' today). HOLDER is the run id that holds it, or
-- NULL when free; EXPIRES_AT lets another run take over from a holder that crashed without
-- releasing it. Acquired and released with single conditional UPDATEs (org/marketetl/bookkeeping/run-lock-*.sql).

CREATE TABLE IF NOT EXISTS RUN_LOCK (
    LOCK_NAME   VARCHAR(32)  NOT NULL PRIMARY KEY,
    HOLDER      VARCHAR(64),
    ACQUIRED_AT TIMESTAMP,
    EXPIRES_AT  TIMESTAMP
);

-- Seeded here, so acquiring is an UPDATE of an existing row, never a race between two INSERTs.
INSERT INTO RUN_LOCK (LOCK_NAME)
SELECT 'pipeline' WHERE NOT EXISTS (SELECT 1 FROM RUN_LOCK WHERE LOCK_NAME = 'pipeline');
