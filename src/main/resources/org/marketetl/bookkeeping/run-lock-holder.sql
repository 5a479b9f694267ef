-- Who holds the pipeline lock, since when, and until when (no row: nobody).
SELECT HOLDER, ACQUIRED_AT, EXPIRES_AT FROM RUN_LOCK WHERE LOCK_NAME = 'pipeline' AND HOLDER IS NOT NULL
