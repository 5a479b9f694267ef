-- Quarters already loaded per symbol and the latest period end: a symbol with none gets its full
-- history, the others are asked again only when their next quarter can have been filed.
SELECT SYMBOL, COUNT(*) AS QUARTERS, MAX(PERIOD_END) AS LATEST_PERIOD_END
FROM INCOME_STATEMENT
GROUP BY SYMBOL
