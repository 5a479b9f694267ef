-- Moves the pipeline lock's expiry on while its holder lives; a holder that died stops renewing,
-- and its lock lapses within one expiry. Answers 0 rows if another run has taken it over.
-- Parameters: expires at, holder run id.
UPDATE RUN_LOCK
SET EXPIRES_AT = CAST(? AS TIMESTAMP)
WHERE LOCK_NAME = 'pipeline' AND HOLDER = ?
