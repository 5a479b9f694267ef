-- The first and last loaded trading day per symbol: an incremental run fetches prices from the day
-- after the last; a symbol with a new split has everything from the first refetched on the new basis.
SELECT SYMBOL, MIN(PRICE_DATE) AS FIRST_DATE, MAX(PRICE_DATE) AS LAST_DATE
FROM DAILY_PRICE
GROUP BY SYMBOL
