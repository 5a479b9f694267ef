-- What the last run spent of the FMP plan's window: read once, before a run's first call, to seed
-- the rate limiter (org.marketetl.marketdata.RateLimiter#seed).
SELECT CALLS, LAST_CALL_AT, RECORDED_BY
FROM MARKET_DATA_CALLS
WHERE PLAN_KEY = 'fmp'
