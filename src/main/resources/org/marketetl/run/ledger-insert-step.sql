-- One step of a run, for queries across runs (the full detail is in RUN_LEDGER.REPORT).
INSERT INTO RUN_STEP (RUN_ID, STEP, STATUS, STARTED_AT, FINISHED_AT, DURATION_MS, ROWS_EXTRACTED, ROWS_LOADED,
                      API_REQUESTS, RETRIES, THROTTLED, FAILED_SYMBOLS)
VALUES (?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), ?, ?, ?, ?, ?, ?, ?)
