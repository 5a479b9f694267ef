-- Takes the pipeline lock for one invocation of a run if it is free, or its holder's time is up
-- (the holder died: a live holder renews it). The holder is a run id and an owner token of the
-- invocation, so the same run id invoked twice at once (or retried while its first invocation
-- still lives) waits like any other run: a run id never runs twice at once. One conditional
-- statement, so two invocations cannot both take it (DuckDB and Snowflake serialise writers of
-- the row); the update count (1 or 0) says who did. The times are bound from the function's clock
-- as UTC text rather than compared with CURRENT_TIMESTAMP, whose type and zone differ between
-- DuckDB and Snowflake.
-- Parameters: holder run id, owner token, acquired at, renewed at, expires at, now.
UPDATE RUN_LOCK
SET HOLDER = ?, OWNER = ?, ACQUIRED_AT = CAST(? AS TIMESTAMP), RENEWED_AT = CAST(? AS TIMESTAMP),
    EXPIRES_AT = CAST(? AS TIMESTAMP)
WHERE LOCK_NAME = 'pipeline'
  AND (HOLDER IS NULL OR EXPIRES_AT < CAST(? AS TIMESTAMP))
