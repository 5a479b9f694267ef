-- Records what this run spent of the FMP plan's window, once, at the run's end. Times are bound
-- from the function's clock as UTC text (see run-lock-acquire.sql for why).
-- Parameters: calls, last call at, recorded by, recorded at.
UPDATE MARKET_DATA_CALLS
SET CALLS = ?, LAST_CALL_AT = CAST(? AS TIMESTAMP), RECORDED_BY = ?, RECORDED_AT = CAST(? AS TIMESTAMP)
WHERE PLAN_KEY = 'fmp'
