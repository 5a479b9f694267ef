-- Issue 21: the run lock belongs to one invocation of a run id, not to the run id alone, so the
-- same run id invoked twice at once runs once: OWNER is a token of the invocation holding the lock
-- (a UUID each time a lock is taken); a second invocation of the same run waits like any other run,
-- and takes the lock over only when it has lapsed (its holder died). RENEWED_AT is the holder's
-- last renewal, so a refused run can say whether the holder looks alive or dead.
-- (org/marketetl/bookkeeping/run-lock-*.sql)
ALTER TABLE RUN_LOCK ADD COLUMN IF NOT EXISTS OWNER VARCHAR(64);

ALTER TABLE RUN_LOCK ADD COLUMN IF NOT EXISTS RENEWED_AT TIMESTAMP;
