-- The last loaded trading day per symbol: an incremental run fetches prices from the day after.
SELECT SYMBOL, MAX(PRICE_DATE) AS LAST_DATE
FROM DAILY_PRICE
GROUP BY SYMBOL
