-- Frees the pipeline lock, if this invocation still holds it (after expiry another invocation, of
-- another run or of the same one, may have taken it).
-- Parameters: holder run id, owner token.
UPDATE RUN_LOCK
SET HOLDER = NULL, OWNER = NULL, ACQUIRED_AT = NULL, RENEWED_AT = NULL, EXPIRES_AT = NULL
WHERE LOCK_NAME = 'pipeline' AND HOLDER = ? AND OWNER = ?
