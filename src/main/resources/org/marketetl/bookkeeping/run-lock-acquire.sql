-- Takes the pipeline lock if it is free, already this run's (the same run continuing in a new
-- invocation, or retrying after its last invocation died), or its holder's time is up (the holder
-- died: a live holder renews it). One conditional statement, so two runs cannot both take it
-- (DuckDB and Snowflake serialise writers of the row); the update count (1 or 0) says who did. The
-- times are bound from the function's clock as UTC text rather than compared with
-- CURRENT_TIMESTAMP, whose type and zone differ between DuckDB and Snowflake.
-- Parameters: holder run id, acquired at, expires at, holder run id, now.
UPDATE RUN_LOCK
SET HOLDER = ?, ACQUIRED_AT = CAST(? AS TIMESTAMP), EXPIRES_AT = CAST(? AS TIMESTAMP)
WHERE LOCK_NAME = 'pipeline'
  AND (HOLDER IS NULL OR HOLDER = ? OR EXPIRES_AT < CAST(? AS TIMESTAMP))
