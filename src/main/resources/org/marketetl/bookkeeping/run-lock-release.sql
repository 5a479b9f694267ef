-- Frees the pipeline lock, if this run still holds it (after expiry another run may have taken it).
-- Parameters: holder run id.
UPDATE RUN_LOCK
SET HOLDER = NULL, ACQUIRED_AT = NULL, EXPIRES_AT = NULL
WHERE LOCK_NAME = 'pipeline' AND HOLDER = ?
