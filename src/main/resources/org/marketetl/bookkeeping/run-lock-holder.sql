-- Who holds the pipeline lock (run id and the invocation's owner token), since when, when it last
-- renewed it, and until when (no row: nobody). OWNER and RENEWED_AT are NULL for a lock taken
-- before migration V15.
SELECT HOLDER, OWNER, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT FROM RUN_LOCK WHERE LOCK_NAME = 'pipeline' AND HOLDER IS NOT NULL
