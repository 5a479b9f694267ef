-- Moves the pipeline lock's expiry on while its holder lives; a holder that died stops renewing,
-- and its lock lapses within one expiry. Answers 0 rows if another invocation has taken it over.
-- Parameters: renewed at, expires at, holder run id, owner token.
UPDATE RUN_LOCK
SET RENEWED_AT = CAST(? AS TIMESTAMP), EXPIRES_AT = CAST(? AS TIMESTAMP)
WHERE LOCK_NAME = 'pipeline' AND HOLDER = ? AND OWNER = ?
